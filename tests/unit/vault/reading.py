"""Reading a vault note the way other Markdown tools do: PyYAML for the front matter, markdown-it-py
(CommonMark) for the body. Nothing here knows how the note was written."""

import re
from dataclasses import dataclass
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

FENCE = "---\n"


@dataclass
class ReadNote:
    front_matter: dict[str, Any]
    body: str
    tokens: list[Token]  # block tokens and, flattened after each inline, its children

    def texts(self) -> list[str]:
        """Every piece of text CommonMark shows (text and code spans), in order."""
        return [t.content for t in self.tokens if t.type in ("text", "code_inline")]

    def hrefs(self) -> list[str]:
        return [str(t.attrs["href"]) for t in self.tokens if t.type == "link_open"]

    def headings(self) -> list[str]:
        found = []
        for i, token in enumerate(self.tokens):
            if token.type == "heading_open":
                inline = next(t for t in self.tokens[i:] if t.type == "inline")
                found.append(f"{token.tag} {inline.content}")
        return found


def read_note(text: str) -> ReadNote:
    """Split and parse; fails when the front matter is not a YAML mapping between two fences."""
    assert text.startswith(FENCE), text[:80]
    end = text.index("\n" + FENCE, len(FENCE) - 1)
    data = yaml.safe_load(text[len(FENCE) : end + 1])
    assert isinstance(data, dict), data
    body = text[end + 1 + len(FENCE) :]
    tokens: list[Token] = []
    for token in MarkdownIt("commonmark").parse(body):
        tokens.append(token)
        tokens.extend(token.children or [])
    return ReadNote(data, body, tokens)


def assert_inert(note: ReadNote) -> None:
    """No raw HTML, no image, and every link an http(s) address (timestamps and the audio)."""
    kinds = {t.type for t in note.tokens}
    assert not kinds & {"html_block", "html_inline", "image"}, kinds
    for href in note.hrefs():
        assert href.startswith(("https://", "http://")), href


# Obsidian's additions to CommonMark (its "Obsidian Flavored Markdown" table): comments, highlights,
# inline math, wikilinks and embeds, tags, block ids. Each is a pattern over characters left unescaped.
_OBSIDIAN = {
    "comment": re.compile(r"%%"),
    "highlight": re.compile(r"=="),
    "math": re.compile(r"\$"),
    "wikilink or embed": re.compile(r"\[\["),
    "tag": re.compile(r"(?:^|\s)#[^\s#]"),
    "block id": re.compile(r"\s\^[A-Za-z0-9-]+$"),
}


def _unescaped(line: str) -> str:
    """The line with every backslash-escaped character (and the backslash) replaced by a space,
    so what is left is what Obsidian would read as syntax."""
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line):
            out.append("  ")
            i += 2
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


def obsidian_syntax(body: str) -> list[str]:
    """Which Obsidian constructs the body's text would open, outside its own headings' `#` marks."""
    found = []
    for line in body.splitlines():
        bare = re.sub(r"^#{1,6} ", "", _unescaped(line))
        found += [f"{name}: {line}" for name, pattern in _OBSIDIAN.items() if pattern.search(bare)]
    return found
