"""Validate and clean every string a model returns, in code, before it reaches a `Summary`.

The schema fixes the structure; this fixes what a schema cannot: markup or line
breaks smuggled into a field (a transcript asking for "a new format"), text
shouted in capitals (a transcript asking for it), URLs the source does not
contain, control characters, and runaway lengths.
"""

import re
from collections import Counter

from podcast_digest.summarization.llm.links import remove_foreign_urls

_TAG = re.compile(r"<[^<>]{0,300}>")
_LINE_MARK = re.compile(r"(?m)^\s*(?:#{1,6}\s+|[-*+>•]\s+|\d{1,3}[.)]\s+)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`{1,3}|~~)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")


class SourceCasing:
    """How the source writes each word ("Azure", "AI", "the"), to undo text shouted in capitals."""

    def __init__(self, text: str) -> None:
        forms: dict[str, Counter[str]] = {}
        for match in _WORD.finditer(text):
            word = match.group(0)
            before = text[max(0, match.start() - 2) : match.start()].strip()
            if (not before or before[-1] in ".!?") and word[1:].islower():
                continue  # "The" opening a sentence says nothing about how "the" is written
            forms.setdefault(word.lower(), Counter())[word] += 1
        self._usual = {lower: counts.most_common(1)[0][0] for lower, counts in forms.items()}

    def restore(self, word: str) -> str:
        return self._usual.get(word.lower(), word.lower())


def _is_shouting(text: str) -> bool:
    cased = [c for c in text if c.isupper() or c.islower()]
    if len(cased) < 12:
        return False
    return sum(c.isupper() for c in cased) / len(cased) > 0.7


def unshout(text: str, casing: SourceCasing) -> str:
    """Text written in capitals, back in the casing the source uses (sentence starts capitalised)."""
    if not _is_shouting(text):
        return text
    text = _WORD.sub(lambda m: casing.restore(m.group(0)), text)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"


class Cleaner:
    """Cleans model output against one source: its URLs and its casing."""

    def __init__(self, allowed_urls: set[str], casing: SourceCasing) -> None:
        self.allowed_urls = allowed_urls
        self.casing = casing

    def line(self, text: str, limit: int = 400) -> str:
        """One plain-text line: no markup, no line breaks, no foreign URLs, no shouting, at most `limit` chars."""
        text = "".join(c if c.isprintable() or c in "\n\t" else " " for c in text)
        text = _TAG.sub(" ", text)
        text = _LINE_MARK.sub(" ", text)
        text = _EMPHASIS.sub("", text)
        text = text.replace("|", " ")
        text = " ".join(text.split())
        # Casing first: a shouted "EVIL.COM" only reads as a host once it is written "evil.com".
        text = unshout(text, self.casing)
        text = remove_foreign_urls(text, self.allowed_urls)
        return _cut(text.strip(" -–—:;,"), limit)

    def lines(self, texts: list[str], limit: int = 400, most: int | None = None) -> list[str]:
        """Cleaned lines, empty ones dropped, duplicates dropped, at most `most` of them."""
        kept: list[str] = []
        seen: set[str] = set()
        for text in texts:
            cleaned = self.line(text, limit)
            if cleaned and cleaned.lower() not in seen:
                seen.add(cleaned.lower())
                kept.append(cleaned)
        return kept if most is None else kept[:most]
