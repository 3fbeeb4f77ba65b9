"""Headings named by their own bullets: a phrase that at least two of them say.

A heading that is the group's top keyword pair ("Silicon Valley and Mr")
often names none of the bullets under it. Here the heading is chosen from the
phrases the bullets themselves contain, preferring one that two or more of
them share, never a speaker's name, and written in title case as the speakers
spell it ("Provisioned Concurrency", "GitHub Copilot"). Phrases are stemmed,
so "NPU" and "NPUs" are one phrase, never a pair.
"""

from collections import Counter
from collections.abc import Sequence

from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.topics import is_topic
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS, WORD, stem

_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"}
)


def shared_phrases(
    book: PhraseBook, bullets: Sequence[int], *, names: set[str]
) -> list[tuple[PhraseKey, int]]:
    """The bullets' phrases, best first, each with how many bullets say it (names of speakers left out)."""
    said_in: Counter[PhraseKey] = Counter()
    for i in bullets:
        # Each phrase once per bullet, in the order said: a set's order would change with the hash
        # seed, and so would which of two equally common phrases heads the group.
        said_in.update(list(dict.fromkeys(book.by_sentence[i])))
    ranked = book.ranked(bullets, limit=12)
    ranked += [k for k, _ in said_in.most_common() if k not in ranked]
    # A phrase of several words or a name ("GitHub Copilot", "Pyrit") names a topic; a lone common word
    # ("ready", "human") rarely does: those come last.
    ranked.sort(key=lambda k: not is_a_topic_name(book, k))
    return [
        (k, said_in[k])
        for k in ranked
        if said_in[k] and not _is_a_name(book, k, names) and len(set(k)) == len(k)  # "ha ha" is laughter
    ]


def heading_for(book: PhraseBook, bullets: Sequence[int], *, names: set[str], avoid: set[str]) -> str:
    """A heading every word of which its bullets say; "" when they share no phrase at all."""
    phrases = shared_phrases(book, bullets, names=names)
    # A topic's name first ("Speech Recognition", not "Huge" or "Recorded Date"), said by two bullets if it can.
    for topics_only, needed in ((True, 2), (True, 1), (False, 2), (False, 1)):
        for key, count in phrases:
            if count < needed:
                continue
            spelt = book.spell(key)
            if spelt.casefold() in avoid or len(spelt) < 3 or (topics_only and not is_topic(spelt)):
                continue
            return title_case(spelt)
    return ""


def heading_said_most(
    book: PhraseBook, bullets: Sequence[int], texts: Sequence[str] = (), *, names: set[str], avoid: set[str]
) -> str:
    """The topic phrase whose words most of the bullets say (two at least), so the heading names as many
    of them as it can; a name or a phrase of several words counts half as much again as a lone common
    word, the better ranked of equals first; "" when no two share one (then `heading_for` decides)."""
    said = [{w for key in book.by_sentence[i] for w in key} for i in bullets]
    best, most = "", 1.0
    for key, _ in shared_phrases(book, bullets, names=names):
        # Its words in any run ("cold starts happen", "a cold start adds"): the phrase, however it is cut.
        count = sum(1 for words in said if set(key) <= words)
        value = count * (1.5 if is_a_topic_name(book, key) else 1.0)
        if count < 2 or value <= most:
            continue
        spelt = book.spell(key)
        if spelt.casefold() not in avoid and len(spelt) >= 3 and is_topic(spelt):
            best, most = title_case(spelt), value
    return best


def word_said_most(texts: Sequence[str], *, names: set[str], avoid: set[str], least: int = 3) -> str:
    """The topic word (a name, or a long specific word: "Singularity", "Technology") that most of the
    texts say, `least` of them at least, a name counting half as much again; spelt as most often said; "" when
    none is. For ideas that share no phrase: each still says the word its heading is."""
    said: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for text in texts:
        seen: set[str] = set()
        for word in WORD.findall(text):
            folded = word.casefold().replace("’", "'")
            if folded in ENGLISH_STOP_WORDS_PLUS or len(folded) <= 2 or folded in names or folded.isdigit():
                continue
            key = stem(folded)
            spellings.setdefault(key, Counter())[word] += 1
            if key not in seen:
                seen.add(key)
                said[key] += 1
    best, most = "", 0.0
    for key, count in sorted(said.items()):
        spelt = spellings[key].most_common(1)[0][0]
        value = count * (1.5 if spelt[:1].isupper() else 1.0)
        if count < least or value <= most or spelt.casefold() in avoid or not is_topic(spelt):
            continue
        best, most = title_case(spelt), value
    return best


def is_a_topic_name(book: PhraseBook, key: PhraseKey) -> bool:
    return len(key) > 1 or book.spell(key)[:1].isupper()


def sentences_saying(book: PhraseBook, key: PhraseKey, pool: Sequence[int]) -> list[int]:
    return [i for i in pool if key in book.by_sentence[i]]


def _is_a_name(book: PhraseBook, key: PhraseKey, names: set[str]) -> bool:
    return any(word in names for word in book.spell(key).casefold().split())


def title_case(text: str) -> str:
    """Each word capitalised except small ones mid-heading; acronyms and names keep their spelling."""
    words = text.split()
    out = []
    for n, word in enumerate(words):
        if n and word.casefold() in _SMALL_WORDS:
            out.append(word.casefold())
        elif word[:1].islower():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)
