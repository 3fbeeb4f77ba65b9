"""The Podcasting 2.0 HTML transcript: `<cite>Speaker:</cite> <time>0:00</time> <p>text</p>` repeated.

Read with the standard library's tolerant HTML parser (never an XML parser: no entity expansion,
no network). A segment ends where the next one starts; the last one lasts as long as its words
take to say. HTML without `<time>` elements is read as plain text.
"""

import re
from html.parser import HTMLParser

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher.cues import FIX_HINT, Cue, ParsedTranscript, clean_text
from podcast_digest.transcription.publisher.plain_text import close_cues, parse_plain_text
from podcast_digest.transcription.publisher.timestamps import parse_clock, quote

# `<` that opens nothing (`3 < 5`, `<<<`) is text to html.parser anyway; handing it over escaped lets the
# parser take the text in one piece instead of one character at a time.
_LONE_LESS_THAN = re.compile(r"<(?![A-Za-z/!])")
# `<?xml …?>` and other processing instructions: not text, and html.parser need not see them.
_PROCESSING_INSTRUCTION = re.compile(r"<\?[^<>]{0,1000}>")
# Declarations other than comments and doctype (`<![CDATA[`, `<!ENTITY`) mean nothing in a transcript.
_DECLARATION = re.compile(r"<!(?!--|doctype)", re.IGNORECASE)

_SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript"})
_BLOCKS = frozenset({"p", "div", "br", "li", "section", "article", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})


def _defused(text: str) -> str:
    """The same document with openers that can never close escaped as text.

    html.parser (before Python 3.13.5 / 3.12.11) rescans to the end of the input for each comment or
    tag left open at the end, which is quadratic on hostile input: escape every `<!--` after the last
    `-->` and every `<` after the last `>`. The text a reader sees is unchanged.
    """
    text = _PROCESSING_INSTRUCTION.sub("", text)
    text = _DECLARATION.sub("&lt;!", _LONE_LESS_THAN.sub("&lt;", text))
    comment_end = text.rfind("-->")
    tail_start = comment_end + 3 if comment_end >= 0 else 0
    if "<!--" in text[tail_start:]:
        text = text[:tail_start] + text[tail_start:].replace("<!--", "&lt;!--")
    tag_end = text.rfind(">") + 1
    if "<" in text[tag_end:]:
        text = text[:tag_end] + text[tag_end:].replace("<", "&lt;")
    return text


class _TranscriptHTML(HTMLParser):
    """Collects (kind, text, line) events: kind is cite, time or text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, int]] = []
        self._kind = "text"
        self._buffer: list[str] = []
        self._skip_depth = 0
        self.language: str | None = None

    def _flush(self) -> None:
        text = clean_text("".join(self._buffer), unescape=False)
        if text:
            self.events.append((self._kind, text, self.getpos()[0]))
        self._buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and self.language is None:
            lang = dict(attrs).get("lang")
            self.language = lang.strip()[:35] or None if lang else None
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in ("cite", "time"):
            self._flush()
            self._kind = tag
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(self._skip_depth - 1, 0)
        elif tag in ("cite", "time"):
            self._flush()
            self._kind = "text"
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def parse_podcast_html(text: str) -> ParsedTranscript:
    reader = _TranscriptHTML()
    reader.feed(_defused(text))
    reader.close()
    events = reader.events
    if not any(kind == "time" for kind, _, _ in events):
        # No times: the paragraphs are plain text (with `Name:` labels where cites gave them).
        lines: list[str] = []
        label = ""
        for kind, body, _ in events:
            if kind == "cite":
                label = body.rstrip(":").strip()
            elif kind == "text":
                lines.append(f"{label}: {body}" if label else body)
                label = ""
        parsed = parse_plain_text("\n\n".join(lines))
        parsed.language = reader.language
        return parsed

    cues: list[Cue] = []
    speaker: str | None = None
    for kind, body, line in events:
        if kind == "cite":
            speaker = body.rstrip(":").strip()[:80] or None
        elif kind == "time":
            start = parse_clock(body)
            if start is None:
                raise TranscriptFormatError(f"line {line}: cannot read the time {quote(body)}; {FIX_HINT}")
            cues.append(Cue(start, start, "", speaker, f"line {line}"))
        elif cues:
            cues[-1].text = f"{cues[-1].text} {body}".strip()
        else:
            cues.append(Cue(0.0, 0.0, body, speaker, f"line {line}"))  # text before the first time
    return ParsedTranscript(cues=close_cues(cues), language=reader.language)
