"""YAML front matter written by our own code, so feed text always stays data.

Every string is a double-quoted YAML scalar with every character that could
end it, break its line or be read as something else escaped: a title holding
`---`, `: `, `#`, a newline, `!!python/object/apply:os.system` or `1:08:00`
(a sexagesimal number in YAML 1.1) comes back from any YAML parser as the same
string. Keys are our own names, never feed text.

The summary id is the first key, so a vault of thousands of notes is indexed
by reading each file's first line or two (`summary_id_of`).
"""

import re
from collections.abc import Mapping, Sequence
from datetime import date

Value = str | int | bool | date | None | Sequence[str]

FENCE = "---"
SUMMARY_ID = "summary_id"
# Enough for the opening fence and the summary id line of any note we write.
HEAD_BYTES = 256

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
_SUMMARY_ID_LINE = re.compile(rf'^{SUMMARY_ID}: "([0-9A-Za-z_-]{{1,128}})"$', re.MULTILINE)


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    # Not printable: controls, NEL, the line and paragraph separators YAML breaks lines at, BOM, format
    # characters (bidi overrides, zero-width), surrogates: all written as escapes.
    if char.isprintable():
        return char
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:  # half a surrogate pair: no YAML parser must accept it
        return "\\ufffd"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def quoted(text: str) -> str:
    """The string as a double-quoted YAML scalar that any YAML parser reads back as exactly `text`."""
    return '"' + "".join(_escaped(c) for c in text) + '"'


def _scalar(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()  # a YAML date (Obsidian's date property), made by us, never feed text
    if isinstance(value, str):
        return quoted(value)
    raise TypeError(f"front matter value of type {type(value).__name__}")


def _entry(key: str, value: Value) -> list[str]:
    if not _KEY.match(key):
        raise ValueError(f"front matter key {key!r}: keys are our own lower_snake names")
    if isinstance(value, Sequence) and not isinstance(value, str):
        if not value:
            return [f"{key}: []"]
        return [f"{key}:", *(f"  - {quoted(item)}" for item in value)]
    return [f"{key}: {_scalar(value)}"]


def front_matter(fields: Mapping[str, Value]) -> str:
    """'---\\n' + one `key: value` line per field (lists as block lists) + '---\\n'."""
    lines = [FENCE]
    for key, value in fields.items():
        lines += _entry(key, value)
    lines.append(FENCE)
    return "\n".join(lines) + "\n"


def summary_id_of(head: bytes) -> str | None:
    """The summary id of a note we wrote, from its first bytes; None for any other file."""
    text = head.decode("utf-8", errors="replace")
    if not text.startswith(FENCE + "\n"):
        return None
    first = text[len(FENCE) + 1 :].split("\n", 1)[0]
    match = _SUMMARY_ID_LINE.match(first)
    return match.group(1) if match else None
