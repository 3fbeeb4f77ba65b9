"""Links in a summary: only URLs the source itself contains survive.

A model may invent a link, or copy one a transcript planted ("send readers to
…"); either way a summary must never carry a URL its source does not. The
source is the transcript (minus passages that address the summarizer, see
untrusted.py) and the episode's own metadata.
"""

import re
from collections.abc import Iterable

# Bare hosts are recognised only with TLDs that rarely end ordinary words or
# library names ("Node.js" and "ASP.NET" are not links).
_TLDS = (
    "com|net|org|io|fm|ai|dev|co|app|xyz|info|me|ly|gg|tv|us|uk|de|fr|eu|ca|au|in|edu|gov|"
    "biz|link|site|online|cloud|tech|news|blog|shop|page|example|test|zip|mov|ru|cn|to|sh|so"
)
_URL = re.compile(
    r"(?i:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'`\])}]+"
    # A bare host needs a lower-case TLD: "ASP.NET" is a product, "asp.net" a host.
    rf"|\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"'`\])}}]*)?"
)
_TRAILING = ".,;:!?*_~"
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{0,300})\]\(([^)\s]{1,2000})\)")


def normalise_url(url: str) -> str:
    """The comparable form of a URL: no scheme, no www., lower case, no trailing punctuation or slash.

    Paths compare without case too: a summary that writes a source's link in other letters has
    not found a new link, and no host can be reached by changing a path's case.
    """
    url = url.strip().rstrip(_TRAILING).lower()
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url)
    url = re.sub(r"^www\.", "", url)
    return url.rstrip("/")


def urls_in(text: str) -> set[str]:
    """Every URL in a text, normalised."""
    return {normalise_url(m.group(0)) for m in _URL.finditer(text) if normalise_url(m.group(0))}


def allowed_urls(sources: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in sources:
        found |= urls_in(text or "")
    return found


def _is_allowed(url: str, allowed: set[str]) -> bool:
    wanted = normalise_url(url)
    if not wanted:
        return True
    # A shorter form of a source URL ("talkpython.fm" for "talkpython.fm/386") is in the source too.
    return wanted in allowed or any(a.startswith(wanted + "/") for a in allowed)


def remove_foreign_urls(text: str, allowed: set[str]) -> str:
    """The text with every URL that is not in `allowed` removed (a Markdown link keeps its words)."""

    def markdown_link(match: re.Match[str]) -> str:
        words, url = match.group(1), match.group(2)
        return f"{words} ({url})" if _is_allowed(url, allowed) else words

    text = _MARKDOWN_LINK.sub(markdown_link, text)

    def url(match: re.Match[str]) -> str:
        found = match.group(0)
        core = found.rstrip(_TRAILING)
        return found if _is_allowed(core, allowed) else found[len(core) :]

    text = _URL.sub(url, text)
    # Tidy what a removed link leaves behind: "visit  ." / "( )" / doubled spaces.
    text = re.sub(r"\(\s*\)|\[\s*\]|<\s*>", "", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return " ".join(text.split()).lstrip(".,;:!? ")
