"""The favorite quote: a memorable, self-contained sentence, verified verbatim against the transcript."""

import itertools
import re
from collections.abc import Callable, Sequence

from podcast_digest.models import Quote
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.quotes import QuoteIndex

MIN_WORDS, MAX_WORDS = 12, 40

# A sentence opening like this leans on what came before it: not self-contained.
LEANS_BACK = re.compile(
    r"^(?:and|but|so|or|because|which|that|this|these|those|it|they|he|she|then|also|yeah|yes|no|well|"
    r"oh|right|okay|like|um|uh|exactly|absolutely|totally|sure|same|there)\b",
    re.I,
)
# Phrasings that make a line memorable: a stance, a generalisation, a contrast.
_MEMORABLE = re.compile(
    r"\b(?:i think|i believe|the key|the secret|the best|the worst|never|always|everyone|everybody|nobody|"
    r"the future|the truth|the real|the whole point|matters?|most important|the difference|not about|"
    r"is about|if you|you have to|you can't)\b",
    re.I,
)
_FILLER = re.compile(r"(?<![\w'])(?:um+|uh+|you know|i mean|kind of|sort of)(?![\w'])", re.I)
_NOT_QUOTABLE = re.compile(r"\b(?:sponsor|promo code|subscribe|show notes|https?://|www\.)", re.I)


def trails_off(text: str) -> bool:
    """A sentence that ends in "..." or a dash was left unfinished."""
    return text.rstrip().endswith(("...", "…", "--", "—", "-"))


def quotability(sentence: TranscriptSentence) -> float:
    """0 for a sentence that can't stand alone as a quote; otherwise a bonus for memorable phrasing."""
    raw = sentence.raw.strip()
    count = len(raw.split())
    if not MIN_WORDS <= count <= MAX_WORDS or sentence.is_question:
        return 0.0
    if not raw[:1].isupper() or raw[-1:] not in ".!" or LEANS_BACK.match(raw) or _NOT_QUOTABLE.search(raw):
        return 0.0
    if trails_off(raw):
        return 0.0
    if "[" in raw or "--" in raw or "\\" in raw or '"' in raw or "“" in raw:
        return 0.0  # stage notes, broken-off words and quoted dialogue read badly out of context
    score = 1.0 + 0.5 * len(_MEMORABLE.findall(raw))
    score -= 0.4 * len(_FILLER.findall(raw))
    return max(score, 0.0)


def favorite_quote(
    sentences: Sequence[TranscriptSentence],
    relevance: Sequence[float],
    index: QuoteIndex,
    *,
    accept: Callable[[TranscriptSentence], bool] | None = None,
) -> Quote | None:
    """The best-scoring quotable sentence that the transcript verifies (and `accept` allows); None when none does."""
    scored = []
    for sentence, rank in zip(sentences, relevance, strict=True):
        q = quotability(sentence)
        if q > 0:
            scored.append((-(q * (0.3 + rank)), sentence.position, sentence))
    scored.sort(key=lambda s: (s[0], s[1]))
    allowed = (s for _, _, s in scored if accept is None or accept(s))
    for sentence in itertools.islice(allowed, 50):
        quote = index.find(sentence.raw)
        if quote is not None:
            return quote
    return None
