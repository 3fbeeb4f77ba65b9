"""Feed text made safe for each chat format, and cut to the format's limits without breaking an escape.

Everything a Post carries came from a feed or a transcript (a stranger's words):
- Slack mrkdwn: `&`, `<` and `>` are the control characters Slack documents
  ("Escaping text"): `<!channel>` or `<https://evil|bank>` in a title must stay text;
- Discord markdown: every markdown character is backslash-escaped, so a title
  cannot become a masked link, a heading, a spoiler or a code block; mentions are
  never parsed anyway (the payload's `allowed_mentions: {"parse": []}`).
"""

import re
from collections.abc import Callable
from urllib.parse import urlsplit

_DISCORD_SPECIAL = re.compile(r"([\\*_~`|>#\-\[\]()<:@!.+=])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
ELLIPSIS = "…"


def clean(text: str) -> str:
    """Control and bidirectional-override characters removed (they reorder or hide what follows)."""
    return _CONTROL.sub("", text)


def slack_escaped(text: str) -> str:
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def discord_escaped(text: str) -> str:
    return _DISCORD_SPECIAL.sub(r"\\\1", clean(text))


def cut(text: str, limit: int, escape: Callable[[str], str] = clean) -> str:
    """escape(text), shortened with an ellipsis to at most `limit` characters, never mid-escape."""
    shown = escape(text)
    if len(shown) <= limit:
        return shown
    raw = text[: max(0, limit - 1)]
    while raw and len(escape(raw)) + len(ELLIPSIS) > limit:
        raw = raw[: -max(1, (len(escape(raw)) + len(ELLIPSIS) - limit) // 5 or 1)]
    return escape(raw.rstrip()) + ELLIPSIS


def web_link(url: str | None) -> str | None:
    """A feed's URL when it is an http(s) address a chat may link to; None otherwise."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 2000:
        return None
    if any(ch.isspace() or not ch.isprintable() for ch in url.strip()):
        return None
    return url.strip()
