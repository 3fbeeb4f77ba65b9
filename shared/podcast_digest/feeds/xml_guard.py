"""Refuse XML that declares entities, before any parser sees it.

Why not rely on the parsers: feedparser strips a DOCTYPE only when it comes
before the first element-looking text, keeps "safe" entity declarations, and
its fallback (loose) parser expands entities itself; expat's own limits vary
by version. A podcast feed never needs an internal DTD subset or an entity
declaration, so any document that has one is refused outright (billion
laughs, quadratic blowup, external entities: XXE to files or URLs).

A DOCTYPE without an internal subset (`<!DOCTYPE rss PUBLIC "..." "...">`)
is allowed: it declares nothing, and external DTDs are never loaded.

The check must see the document the way a parser could decode it, so it also
looks at UTF-16/UTF-32 readings of the bytes, and refuses declared encodings
that are not ASCII-compatible (UTF-7, EBCDIC) where a declaration could hide.
"""

import codecs
import re

from podcast_digest.errors import UnsafeInputError

ENTITY_DECLARATION = re.compile(r"<!\s*ENTITY\b", re.IGNORECASE)
# A DOCTYPE whose declaration opens an internal subset `[` (quoted external ids may hold any character).
DOCTYPE_WITH_SUBSET = re.compile(r"""<!\s*DOCTYPE(?:[^>\["']|"[^"]*"|'[^']*')*\[""", re.IGNORECASE)
DECLARED_ENCODING = re.compile(r"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
EBCDIC_START = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC
PROBE = "<!DOCTYPE x [<!ENTITY y>]>"


def _wide_readings(body: bytes) -> list[str]:
    """UTF-16 and UTF-32 readings at every alignment, for documents holding NUL bytes."""
    if b"\x00" not in body:
        return []
    readings = []
    for encoding, width in (("utf-16-le", 2), ("utf-16-be", 2), ("utf-32-le", 4), ("utf-32-be", 4)):
        for offset in range(width):
            chunk = body[offset:]
            chunk = chunk[: len(chunk) - len(chunk) % width]
            readings.append(chunk.decode(encoding, errors="replace"))
    return readings


def _ascii_compatible(encoding: str) -> bool:
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        return True  # an unknown name: parsers fall back to UTF-8 / windows-1252, both ASCII-compatible
    if codec.name.startswith(("utf-16", "utf-32")):
        return True  # read by _wide_readings
    # Both ways: UTF-7 encodes "<" as itself yet decodes "+ADw-" to "<".
    ascii_bytes = bytes(range(128))
    try:
        return (
            PROBE.encode(codec.name) == PROBE.encode("ascii")
            and ascii_bytes.decode(codec.name) == ascii_bytes.decode("ascii")
            and b"+ADw-".decode(codec.name) == "+ADw-"
        )
    except (UnicodeError, LookupError, TypeError):
        return False


def refuse_entity_declarations(body: bytes, *, what: str = "the document") -> None:
    """Raise UnsafeInputError when the XML declares entities or an internal DTD subset."""
    if body.startswith(EBCDIC_START):
        raise UnsafeInputError(
            f"{what} is encoded in EBCDIC, which we do not read: ask the publisher for UTF-8"
        )
    for reading in [body.decode("latin-1"), *_wide_readings(body)]:
        if ENTITY_DECLARATION.search(reading) or DOCTYPE_WITH_SUBSET.search(reading):
            raise UnsafeInputError(
                f"{what} declares XML entities or a DTD subset, which a podcast feed never needs "
                "(it is how XML bombs and external-entity attacks work): refused"
            )
        declared = DECLARED_ENCODING.search(reading[:1024])
        if declared and not _ascii_compatible(declared.group(1)):
            raise UnsafeInputError(
                f"{what} declares the encoding {declared.group(1)!r}, which could hide markup from our checks: "
                "refused; ask the publisher for UTF-8"
            )
