"""What an operator controls per feed: languages, instructions for its summaries, and what to skip.

Validated here, at the boundary (`feeds set`, and every read of a stored Feed):
a language is a pin from the one table (languages.py); instructions are the
operator's words, length-limited and stripped of control characters (the LLM
gets them fenced, after and under its own rules); a skip pattern is a regex
that compiles and cannot backtrack catastrophically (no quantifier over a
group that itself repeats or branches, few unbounded quantifiers, and only a
title's first TITLE_CHARS_MATCHED characters are ever matched).
"""

import re
import re._parser as regex_parser  # the stdlib's own regex parser: the structure, not a guess
import unicodedata
from typing import Any

from pydantic import Field, field_validator

from podcast_digest.models.base import DomainModel
from podcast_digest.models.languages import normalise_language

MAX_INSTRUCTIONS_CHARS = 1000
MAX_PATTERNS = 20
MAX_PATTERN_CHARS = 200
MAX_UNBOUNDED_QUANTIFIERS = 2  # three already cost ~0.1-0.3 s on one hostile 200-char title (bench)
TITLE_CHARS_MATCHED = 200
MAX_DURATION_SECONDS = 7 * 24 * 3600

_REPEATS = {regex_parser.MAX_REPEAT, regex_parser.MIN_REPEAT, regex_parser.POSSESSIVE_REPEAT}
_KEPT_CONTROLS = {"\n", "\t"}
_DURATION = re.compile(r"(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?")
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})")


class FeedControls(DomainModel):
    language: str | None = Field(
        None,
        description="transcription language pin (Whisper code or Transcribe regional form); None: detect",
    )
    summary_language: str | None = Field(
        None, description="the LLM writes the summary in this language; None: the transcript's language"
    )
    instructions: str | None = Field(
        None, description="the operator's instructions for this show's summaries (never above the rules)"
    )
    skip_title_patterns: list[str] = Field(
        default_factory=list, description="regexes (case-insensitive, searched in the title): a match skips"
    )
    skip_longer_than_seconds: int | None = Field(None, description="episodes longer than this are skipped")

    @field_validator("language", "summary_language")
    @classmethod
    def _pinned(cls, value: str | None) -> str | None:
        return normalise_language(value) if value else None

    @field_validator("instructions")
    @classmethod
    def _instructions(cls, value: str | None) -> str | None:
        return clean_instructions(value) if value is not None else None

    @field_validator("skip_title_patterns")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        if len(value) > MAX_PATTERNS:
            raise ValueError(f"{len(value)} skip patterns: at most {MAX_PATTERNS}; combine some with |")
        for pattern in value:
            check_skip_pattern(pattern)
        return list(dict.fromkeys(value))

    @field_validator("skip_longer_than_seconds", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> Any:
        return parse_duration(value) if isinstance(value, str) else value

    @field_validator("skip_longer_than_seconds")
    @classmethod
    def _duration_range(cls, value: int | None) -> int | None:
        if value is not None and not 0 < value <= MAX_DURATION_SECONDS:
            raise ValueError(f"a maximum duration must be between 1s and 168h, not {value}s")
        return value

    def is_empty(self) -> bool:
        return self == FeedControls()


def clean_instructions(text: str) -> str | None:
    """The text without control or invisible format characters (newlines and tabs kept); None when empty.
    Longer than MAX_INSTRUCTIONS_CHARS is refused, not cut: the operator should choose what to drop."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        ch for ch in text if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs")
    )
    kept = re.sub(r"\n{3,}", "\n\n", kept).strip()
    if len(kept) > MAX_INSTRUCTIONS_CHARS:
        raise ValueError(
            f"instructions are {len(kept)} characters; the limit is {MAX_INSTRUCTIONS_CHARS}: shorten them"
        )
    return kept or None


def check_skip_pattern(pattern: str) -> None:
    """ValueError naming what is wrong with the pattern: too long, not a regex, or able to backtrack
    for ever (a quantifier over something that repeats or branches, or too many unbounded quantifiers)."""
    shown = pattern[:60]
    if not pattern.strip():
        raise ValueError("an empty skip pattern would skip every episode")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ValueError(f"skip pattern {shown!r}… is {len(pattern)} characters; at most {MAX_PATTERN_CHARS}")
    try:
        re.compile(pattern)
        parsed = regex_parser.parse(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        raise ValueError(f"skip pattern {shown!r} is not a valid regex: {exc}") from None
    unbounded = _check_repeats(list(parsed), pattern, inside_repeat=False)
    if unbounded > MAX_UNBOUNDED_QUANTIFIERS:
        raise ValueError(
            f"skip pattern {shown!r} has {unbounded} unbounded quantifiers (* + {{n,}}); "
            f"at most {MAX_UNBOUNDED_QUANTIFIERS}, so matching a title stays fast"
        )


def _check_repeats(items: list[Any], pattern: str, *, inside_repeat: bool) -> int:
    """Walk the parsed regex; returns how many unbounded quantifiers it holds."""
    unbounded = 0
    for op, arg in items:
        if op in _REPEATS:
            _low, high, body = arg
            repeats = high is regex_parser.MAXREPEAT or high > 1
            if repeats and inside_repeat:
                raise ValueError(
                    f"skip pattern {pattern[:60]!r} nests quantifiers (like (a+)+): it could take for "
                    "ever on some titles; rewrite it without a quantifier over a repeating group"
                )
            unbounded += high is regex_parser.MAXREPEAT
            unbounded += _check_repeats(list(body), pattern, inside_repeat=inside_repeat or repeats)
        elif op is regex_parser.BRANCH:
            if inside_repeat:
                raise ValueError(
                    f"skip pattern {pattern[:60]!r} repeats a group of alternatives (like (a|ab)+): "
                    "it could take for ever on some titles; list the alternatives without repeating them"
                )
            for branch in arg[1]:
                unbounded += _check_repeats(list(branch), pattern, inside_repeat=inside_repeat)
        elif op is regex_parser.SUBPATTERN:
            unbounded += _check_repeats(list(arg[-1]), pattern, inside_repeat=inside_repeat)
        elif op is regex_parser.ATOMIC_GROUP:
            unbounded += _check_repeats(list(arg), pattern, inside_repeat=inside_repeat)
        elif op in (regex_parser.ASSERT, regex_parser.ASSERT_NOT):
            unbounded += _check_repeats(list(arg[1]), pattern, inside_repeat=inside_repeat)
        elif op is regex_parser.GROUPREF_EXISTS:
            raise ValueError(f"skip pattern {pattern[:60]!r}: conditional groups are not supported")
        elif op is regex_parser.GROUPREF and inside_repeat:
            raise ValueError(f"skip pattern {pattern[:60]!r} repeats a backreference: rewrite it without")
    return unbounded


def parse_duration(text: str) -> int:
    """Seconds from "2h", "90m", "1h30m", "45s", "1:30:00" or a bare number of seconds."""
    value = text.strip().lower().replace(" ", "")
    if value.isdigit():
        return int(value)
    clock = _CLOCK.fullmatch(value)
    if clock:
        hours, minutes, seconds = (int(x) if x else 0 for x in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    parts = _DURATION.fullmatch(value)
    if value and parts and any(parts.groups()):
        hours, minutes, seconds = (int(x) if x else 0 for x in parts.groups())
        return hours * 3600 + minutes * 60 + seconds
    raise ValueError(f"{text[:30]!r} is not a duration: write it like 2h, 90m, 1h30m, 45s or 1:30:00")


def describe_duration(seconds: float) -> str:
    """ "2h", "1h30m", "45m", "30s": how a duration reads in a rule or a table."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "") + (f"{secs}s" if secs else "")
    return text or "0s"
