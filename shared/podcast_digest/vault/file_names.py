"""Note and folder names that every file system takes: `<podcast>/<YYYY-MM-DD>-<title slug>.md`.

A slug keeps letters, digits and marks of any script (NFKC-normalised and
case-folded, so the same title always gives the same bytes, and two names
never differ only in case or composition, which macOS and Windows would
fold together), joined by hyphens. Nothing else survives: no `/ \\ : * ? " < > |`,
no control or format characters, no dot, no leading or trailing space, so no
name is hidden, reserved or a path. A slug is bounded in characters and in
UTF-8 bytes (most file systems allow 255 bytes a name). Windows' reserved
device names (CON, NUL, COM1…) get a suffix.
"""

import unicodedata
from datetime import date

MAX_SLUG_CHARS = 80
MAX_SLUG_BYTES = 160
MAX_FOLDER_CHARS = 60
NOTE_SUFFIX = ".md"
UNDATED = "undated"

_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in [*"0123456789", "¹", "²", "³"]}
)


def _kept(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


def _bounded(slug: str, max_chars: int) -> str:
    slug = slug[:max_chars]
    while len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug[:-1]
    slug = slug.strip("-")
    # A cut may leave a combining mark with nothing to combine with: drop it.
    while slug and unicodedata.category(slug[0])[0] == "M":
        slug = slug[1:].lstrip("-")
    return slug


def slug(text: str, max_chars: int = MAX_SLUG_CHARS) -> str:
    """'Épisode 12: ça marche?' → 'épisode-12-ça-marche'; '' when nothing nameable is left."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    words = "".join(c if _kept(c) else " " for c in folded).split()
    return _bounded("-".join(words), max_chars)


def not_reserved(name: str) -> str:
    """The name, with a suffix when Windows reserves it for a device (whatever follows a dot)."""
    return f"{name}-podcast" if name.split(".", 1)[0] in _WINDOWS_RESERVED else name


def podcast_folder(podcast_title: str, feed_id: str) -> str:
    """The podcast's folder in the vault: its title's slug, or the feed id when the title has none."""
    return not_reserved(slug(podcast_title, MAX_FOLDER_CHARS) or f"podcast-{feed_id[:8]}")


def note_stem(published: date | None, episode_title: str) -> str:
    """'2020-08-10-practical-ai-100-a-milestone-episode…': the date first, so a folder sorts by it."""
    day = published.isoformat() if published else UNDATED
    return f"{day}-{slug(episode_title) or 'episode'}"


def note_names(stem: str, summary_id: str) -> list[str]:
    """The names a note may take, in order: the stem, then with the summary id's start, then all of it.

    Two episodes with the same date and title share a stem; the one that comes second takes the next
    free name, and keeps it from then on.
    """
    return [
        f"{stem}{NOTE_SUFFIX}",
        f"{stem}-{summary_id[:8]}{NOTE_SUFFIX}",
        f"{stem}-{summary_id}{NOTE_SUFFIX}",
    ]
