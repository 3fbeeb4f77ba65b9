"""Plain text from untrusted show notes: tags dropped (never rendered), entities decoded, URLs removed."""

import re
from html.parser import HTMLParser

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.I)
_SPACE = re.compile(r"\s+")
_SKIPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head"})
_BLOCKS = frozenset(
    {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}
)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self._skipping:
            self._skipping -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(html_or_text: str, *, limit: int = 20_000) -> str:
    """The readable text of show notes, paragraphs kept as line breaks, without URLs or email addresses."""
    parser = _TextOnly()
    parser.feed(html_or_text[:limit])
    parser.close()
    text = _URL.sub(" ", "".join(parser.parts))
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
