"""The promises an episode makes: its title, and the first claims of its show notes.

The clickbait verdict checks these against what the sections deliver. They
are taken in code (no extra model call on the critical path) from the title
and the plain text of the description, without links or sponsor boilerplate.
"""

import html
import re

from podcast_digest.summarization.llm.untrusted import addresses_the_summarizer

_TAG = re.compile(r"<[^<>]{0,2000}>")
_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_BOILERPLATE = re.compile(
    r"(?i)\b(sponsor|sponsored|brought to you|promo code|discount|subscribe|patreon|newsletter|"
    r"follow (us|me)|links?:|show notes|transcript|support the show|advertis)"
)

MAX_PROMISES = 6
_MAX_CHARS = 240


def show_notes_text(description: str) -> str:
    """The show notes as plain text (tags dropped, entities decoded), links kept."""
    return " ".join(html.unescape(_TAG.sub(" ", description or "")).split())


def without_planted_sentences(text: str) -> str:
    """The text without the sentences that address the summarizer (see untrusted.py)."""
    return " ".join(s for s in _SENTENCE.split(text) if not addresses_the_summarizer(s))


def episode_promises(title: str, description: str) -> list[str]:
    """The title, then up to five substantial sentences of the description (plain text, no links)."""
    promises: list[str] = []
    title = " ".join(title.split())
    if title:
        promises.append(title[:_MAX_CHARS])
    text = _URL.sub(" ", show_notes_text(description))
    for sentence in _SENTENCE.split(" ".join(text.split())):
        sentence = sentence.strip(" -–—•*")
        if len(promises) >= MAX_PROMISES:
            break
        if len(sentence.split()) < 5 or _BOILERPLATE.search(sentence) or addresses_the_summarizer(sentence):
            continue
        if sentence.lower() not in (p.lower() for p in promises):
            promises.append(sentence[:_MAX_CHARS])
    return promises
