"""Clock times as transcripts write them: `01:02:03.456`, `1:02:03,456`, `02:03.4`, `0:00`."""

import re

# Bounded repeats only: a hostile line cannot make this backtrack.
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2})(?:[.,](\d{1,9}))?", re.ASCII)


def parse_clock(value: str) -> float | None:
    """Seconds for a clock time, or None when it is not one (or minutes/seconds are out of range).

    Hours may have one digit (`0:00:02.480`). Without hours, minutes may pass 59 (`75:30`), as
    plain-text transcripts write them. A two-digit fraction is read as hundredths.
    """
    match = _CLOCK.fullmatch(value.strip())
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
        return None
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        total += int(fraction) / 10 ** len(fraction)
    return float(total)


def format_clock(seconds: float) -> str:
    """`HH:MM:SS.mmm`, for messages that quote a time back to the user."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def quote(text: str, limit: int = 40) -> str:
    """A short, single-line, printable excerpt of untrusted text for an error message."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text[: limit * 2]).strip()
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return repr(cleaned)
