"""Headings named by their own bullets: a phrase that at least two of them say.

A heading that is the group's top keyword pair ("Silicon Valley and Mr")
often names none of the bullets under it. Here the heading is chosen from the
phrases the bullets themselves contain, preferring one that two or more of
them share, never a speaker's name, and written in title case as the speakers
spell it ("Provisioned Concurrency", "GitHub Copilot"). Phrases are stemmed,
so "NPU" and "NPUs" are one phrase, never a pair.
"""

from collections import Counter
from collections.abc import Sequence, Set

from podcast_digest.summarization.extractive.grammar import content_stems, looks_like_a_verb
from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.topics import is_topic, names_a_subject
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
            spelt = book.spell_as_said(key)
            if (
                spelt.casefold() in avoid
                or len(spelt) < 3
                or (topics_only and not names_subject(book, spelt))
            ):
                continue
            return title_case(fuller_heading(book, key, bullets, avoid=avoid))
    return ""


def heading_said_most(
    book: PhraseBook,
    bullets: Sequence[int],
    texts: Sequence[str] = (),
    *,
    names: set[str],
    avoid: set[str],
    fuller: bool = True,
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
        spelt = book.spell_as_said(key)
        if spelt.casefold() not in avoid and len(spelt) >= 3 and names_subject(book, spelt):
            best, most = (
                title_case(fuller_heading(book, key, bullets, avoid=avoid) if fuller else spelt),
                value,
            )
    return best


def word_said_most(
    texts: Sequence[str],
    *,
    names: set[str],
    avoid: set[str],
    least: int = 3,
    english: bool = True,
    book: PhraseBook | None = None,
) -> str:
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
        if (
            count < least
            or value <= most
            or spelt.casefold() in avoid
            or not (names_a_subject(spelt) if english else is_topic(spelt))
            or (book is not None and not names_subject(book, spelt))
        ):
            continue
        best, most = title_case(spelt), value
    return best


def fuller_heading(
    book: PhraseBook, key: PhraseKey, bullets: Sequence[int], *, avoid: Set[str] = frozenset()
) -> str:
    """A lone word as its bullets say it in a longer phrase: the phrase two of them share ("H2O" over
    "H2O Wave" twice: "H2O Wave"), else the two phrases it ends that two of them say ("Recognition" over
    "facial recognition" and "speech recognition": "Facial and Speech Recognition"), else the word."""
    spelt = book.spell_as_said(key)
    if len(key) > 1 or not book.english:
        return spelt
    said_in: Counter[PhraseKey] = Counter()
    for i in bullets:
        # "generative adversarial networks" says "adversarial networks" too.
        said_in.update(
            {piece for k in book.by_sentence[i] if len(k) > 1 for piece in _pieces_with(k, key[0])}
        )
    usable = [k for k in sorted(said_in, key=lambda k: (-said_in[k], len(k), k)) if _usable(book, k, avoid)]
    shared = [k for k in usable if said_in[k] >= 2]
    if shared:
        return book.spell_as_said(shared[0])
    # Two phrases ending on the word, each with its own first word, said by two bullets in all (the second
    # is the first one that another bullet says: "Facial and Speech Recognition", not "Facial and Object").
    # A name is no piece ("Copilot" over GitHub Copilot, Microsoft Copilot and Copilot chat: one product).
    if spelt[:1].isupper():
        return spelt
    ending = [k for k in usable if len(k) == 2 and k[1] == key[0]]
    sayers = {k: {i for i in bullets if k in book.by_sentence[i]} for k in ending}
    other = next((k for k in ending[1:] if sayers[k] - sayers[ending[0]]), None) if ending else None
    if other is not None:
        joined = f"{book.spell_as_said(ending[0][:1])} and {book.spell_as_said(other[:1])} {spelt}"
        if joined.casefold() not in avoid:
            return joined
    return spelt


def _pieces_with(key: PhraseKey, word: str) -> list[PhraseKey]:
    """The runs of two words or more within `key` that hold `word`."""
    return [key[a:b] for a in range(len(key)) for b in range(a + 2, len(key) + 1) if word in key[a:b]]


def fuller_spelt(book: PhraseBook, spelt: str, bullets: Sequence[int], *, avoid: set[str]) -> str:
    """`fuller_heading` for a heading already spelt: a lone word made the longer phrase its bullets say."""
    if len(spelt.split()) != 1:
        return spelt
    return title_case(fuller_heading(book, (stem(spelt.casefold()),), bullets, avoid=avoid))


def _usable(book: PhraseBook, key: PhraseKey, avoid: Set[str]) -> bool:
    """A longer phrase that names more than its word: no repeat, no heading used, no qualifier before it
    ("certain language", "common application" say which one, not what), nothing but a subject."""
    spelt = book.spell_as_said(key)
    return (
        len(set(key)) == len(key)
        and spelt.casefold() not in avoid
        and spelt.split()[0].casefold() not in _QUALIFIERS
        and names_subject(book, spelt)
    )


# Words that pick out which of a thing is meant, not what it is: no phrase they open names more than its noun.
_QUALIFIERS = frozenset(
    """all any certain common different each every few full general little main many most multiple
    natural other own particular real same several small some specific such various whole""".split()  # noqa: SIM905
)


def names_subject(book: PhraseBook, spelt: str) -> bool:
    """`names_a_subject` in English talk, with no word the talk says as a verb ("Use InfiniBand Cables",
    "Computer Creates", "Converge": its "InfiniBand Cables" is the subject); in other languages `is_topic`,
    as before (its word lists are English)."""
    if not book.english:
        return is_topic(spelt)
    # A name ("Copilot", "Azure": capitalised as the talk spells it) is no verb, however often "to" comes
    # before it; a heading's title case says nothing of that.
    said = [w.casefold() for w in WORD.findall(spelt) if not book.spell((stem(w.casefold()),))[:1].isupper()]
    if len(said) >= 2 and said[-1].endswith("ing") and stem(said[-2]) != said[-2] and _doing(book, said[-1]):
        return False  # "careers learning" (how to design…) says what they do; "machine learning" is a thing
    return names_a_subject(spelt) and not any(book.said_as_a_verb(stem(w)) for w in said)


def _doing(book: PhraseBook, word: str) -> bool:
    """An -ing form of a verb the talk says as one ("learning": "you learn")."""
    base = word[:-3]
    return any(book.said_as_a_verb(b) for b in (base, base + "e", base[:-1]) if len(b) > 1)


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


def with_second_subject(
    book: PhraseBook,
    spelt: str,
    bullets: Sequence[int],
    texts: Sequence[str],
    *,
    names: set[str],
    avoid: set[str],
) -> str:
    """A heading that names under half of its bullets (`texts`, aligned with `bullets`) joined with the
    subject the others say ("Speech Recognition and Adversarial Networks"): a group of two subjects is
    named by both. A name or a phrase of several words, none of the heading's words, said by a bullet the
    heading does not name; the heading as it was when there is none, or it is long already."""
    named = content_stems(spelt)
    others = [i for i, text in zip(bullets, texts, strict=True) if not named & content_stems(text)]
    if not named or len(others) < 2 or len(spelt.split()) > _JOINED_WORDS - 1:
        return spelt
    # The subject most of the other bullets say, the better ranked of equals first.
    ranked = sorted(shared_phrases(book, others, names=names), key=lambda pair: -pair[1])
    for key, _ in ranked:
        second = book.spell_as_said(key)
        joined = f"{spelt} and {title_case(second)}"
        fits = len(joined.split()) <= _JOINED_WORDS and joined.casefold() not in avoid
        if fits and _second_subject(book, key, second, named):
            return joined
    return spelt


def _second_subject(book: PhraseBook, key: PhraseKey, second: str, named: set[str]) -> bool:
    """A subject to join to a heading: a name or two words naming a thing ("Adversarial Networks", "Uvicorn"),
    each word one a reader finds (not "AI" alone, which every bullet of such a talk says), no verb in it
    ("Bring Red", "Visual Element Help"), no qualifier before it, nothing the heading already says."""
    folded = second.casefold().split()
    stems = content_stems(second)
    return (
        is_a_topic_name(book, key)
        and len(key) <= 2
        and len(stems) == len(key)
        and not stems & named
        and folded[0] not in _QUALIFIERS
        and not any(looks_like_a_verb(w) for w in folded)
        # "community wise" says how; "habits teaches" is what habits do.
        and not folded[-1].endswith(("wise", "ches", "shes"))
        and names_subject(book, second)
    )


# At most this many words in a heading of two subjects ("Speech Recognition and Adversarial Networks").
_JOINED_WORDS = 5


def said_in(spelt: str, shown: Sequence[str]) -> str:
    """The heading as its bullets, as shown, say it: phrases are found in the sentences before an idea is
    trimmed to a plain statement, so a heading may name words the trimming took out ("Constructing Neural
    Networks" over "…graph neural networks." cut before ", which is a new way of constructing…"). Words no
    bullet says are dropped from the front of each joined subject ("Neural Networks and NLP"); "" when a
    subject would be left with none of its words."""
    said: set[str] = set()
    for text in shown:
        said |= content_stems(text)
    if content_stems(spelt) <= said:
        return spelt
    subjects = []
    for subject in spelt.split(" and "):
        kept = subject.split()
        while kept and not content_stems(" ".join(kept)) <= said:
            kept = kept[1:]
        if kept and content_stems(" ".join(kept)):
            subjects.append(" ".join(kept))
    return " and ".join(subjects)


def kept_if_shown(heading: str, shown: Sequence[str]) -> str:
    """The heading if its bullets as shown say it (`said_in`), else "". Phrases are found in whole sentences,
    so a heading may come from words the trimming took out of every bullet: "Water Line Issues and Africa"
    over "There was one representing a project from DataRobot." names none of them."""
    return heading if heading and said_in(heading, shown) else ""
