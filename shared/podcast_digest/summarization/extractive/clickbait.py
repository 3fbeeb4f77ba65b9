"""Quick Takes: does the episode deliver what its title and description promise?

The promises are the key phrases of the title and of the opening of the show
notes (HTML stripped first: it is untrusted). Each is looked for in the
transcript's sentences; a promise counts as delivered when the talk comes back
to it, and the episode is called clickbait when most promises are missing.
"""

import itertools
import re
from collections.abc import Callable, Iterable, Sequence

from podcast_digest.models import ClickbaitVerdict, PromiseCheck
from podcast_digest.summarization.extractive.grammar import fragment_reason
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.show_notes import plain_text
from podcast_digest.summarization.extractive.topics import is_topic
from podcast_digest.summarization.extractive.vocabulary import WORD, stem, words

_GENERIC = frozenset(
    [
        "episode",
        "episodes",
        "podcast",
        "podcasts",
        "show",
        "shows",
        "today",
        "week",
        "guest",
        "guests",
        "host",
        "hosts",
        "conversation",
        "interview",
        "talk",
        "chat",
        "discussion",
        "part",
        "season",
        "bonus",
        "special",
        "edition",
        "live",
        "full",
        "latest",
        "new",
        "talks",
        "chats",
        "discuss",
        "discusses",
        "discussing",
        "explain",
        "explains",
        "explaining",
        "join",
        "joins",
        "joined",
        "share",
        "shares",
        "dig",
        "digs",
        "dive",
        "dives",
        "cover",
        "covers",
        "walk",
        "walks",
        "learn",
        "hear",
        "sit",
        "sits",
        "welcome",
        "welcomes",
        "tells",
        "sponsor",
        "sponsored",
        "sponsors",
        "links",
        "link",
        "notes",
        "transcript",
    ]
)
_BREAK = re.compile(r"[.!?,;:()\[\]{}\"“”|/+&]|\s[-–—]+\s|#\d+")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|s)?$")
_DESCRIPTION_CHARS = 500
_MAX_PROMISES = 6
_MAX_PHRASE_WORDS = 4
_ENOUGH_STRONG = 2


def promises(
    title: str,
    description: str,
    stop_words: frozenset[str],
    *,
    speakers: Sequence[str] = (),
    podcast: str = "",
    shows: Sequence[str] = (),
) -> list[str]:
    """The phrases the title and the opening of the description promise, title first, no repeats.

    A promise is what the episode says it will deliver: its subjects ("AI red teaming", "GitHub
    Copilot") and its occasion ("100 episodes"). Never the show's own name (the feed's title, or the
    name a title or description gives it: "Practical AI's 100th episode", "episodes of Practical AI"),
    never a person ("Daniel Whitenack", "Adam turn" from "Jerod and Adam turn the tables"), never the
    whole title copied. A lone lower-case word is usually a verb or filler ("celebrate", "tables"),
    so those count only when title and description offer too few phrases and names.
    """
    people = _name_words([*speakers, *hosts_named(description)])
    show = _name_words([podcast, *show_names(title, description), *shows])

    def no_promise(phrase: str) -> bool:
        tokens = [stem(w) for w in words(phrase)]
        return not tokens or bool(set(tokens) & people) or set(tokens) <= show

    occasion = milestone(title, description)
    # An occasion is promise enough: the lone words beside it are the description's verbs and idioms.
    found = _phrase_promises(
        title, description, stop_words, skip=no_promise, already=_ENOUGH_STRONG if occasion else 0
    )
    if sum(" " in p for p in found) >= 2:
        # Phrases promise something; a bare word of a title-case title ("Dashboards") barely does.
        # A name the description writes mid-sentence ("SnapStart", "Python") still does.
        title_words = {w.casefold() for w in WORD.findall(plain_text(title))}
        found = [p for p in found if " " in p or not (p.casefold() in title_words and _plain_word(p))]
    # An acronym says less than the phrase it is also promised in: "AI", "AI red teaming".
    longer = {stem(w) for p in found if " " in p for w in words(p)}
    found = [p for p in found if not (p.isupper() and stem(p.casefold()) in longer)]
    if occasion and not any(stem(w) == "episode" for p in found for w in words(p)):
        found.insert(0, occasion)
    return found[:_MAX_PROMISES]


# How a title or description names its own show: "Practical AI's 100th episode", "100 episodes of
# Practical AI", "Welcome to The Changelog".
_SHOW_NAMED = (
    re.compile(r"((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*)['’]s\s+(?:\d+\w*|first|last|final|\w+th)\s+episode"),
    re.compile(r"\bepisodes?\s+of\s+((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*)"),
    re.compile(r"\bwelcome\s+to\s+((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*)", re.I),
    # "Practical AI #100: …", "episode 100 of Practical AI"
    re.compile(r"^((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*)\s+#\d+"),
    re.compile(r"\bepisode\s+\d+\s+of\s+((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*)", re.I),
)
_NAME = r"((?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z][\w.]*)){0,2}+)"
# How a title, description or the talk names a show, its own or another: "the Changelog hosts", "Jerod
# Santo and Adam Stacoviak of the Changelog", "a Changelog podcast", "another Changelog show", "the
# Changelog network". Not "Eric Boyd of the Azure AI team": a person of a team or product is no show.
_OTHER_SHOW_NAMED = (
    re.compile(rf"\bthe\s+{_NAME}\s+(?:hosts?|co-?hosts?|crew|gang|network)\b", re.I),
    re.compile(
        rf"(?-i:[A-Z][a-z]+)\s+of\s+the\s+{_NAME}\b"
        r"(?!\s+(?:team|platform|group|project|company|division|foundation|department|board|labs?|service)\b)",
        re.I,
    ),
    re.compile(
        rf"\b(?:an?|another|the|our|their|that|his|her)\s+{_NAME}\s+(?:podcasts?|shows?|network)\b", re.I
    ),
    re.compile(rf"\b(?:hosts?|co-?hosts?)\s+of\s+(?:the\s+)?{_NAME}", re.I),
)
# Capitalised words that open a sentence or a phrase, never a show's name on their own.
_NOT_A_SHOW = frozenset({"the", "a", "an", "this", "that", "our", "my", "your", "their", "another", "every"})
# Capitalised words that say what kind of show, not which ("the TV show", "PC shows").
_KIND_OF_SHOW = frozenset({"tv", "pc", "radio", "web", "video", "live"})
_MILESTONE = re.compile(
    r"\b(\d{2,4})(?:st|nd|rd|th)?\s+episodes?\b"
    r"|\b(?:reach(?:es|ing)?|celebrat\w*|marks?|marking)\s+episode\s+(?:number\s+)?(\d{2,4})\b",
    re.I,
)


def show_names(title: str, description: str) -> list[str]:
    """The names the title and description give a show, their own ("Practical AI") or another whose
    hosts drop in ("the Changelog hosts"): a show is never a topic or a promise of the talk."""
    text = f"{plain_text(title)}\n{plain_text(description)[:_DESCRIPTION_CHARS]}"
    own = [m.group(1).rstrip(".") for pattern in _SHOW_NAMED for m in pattern.finditer(text)]
    return [*own, *shows_named_in([text])]


def shows_named_in(texts: Iterable[str]) -> list[str]:
    """The shows the texts name as shows ("a Changelog podcast", "the Changelog hosts"), each once."""
    found: list[str] = []
    for text in texts:
        for pattern in _OTHER_SHOW_NAMED:
            for match in pattern.finditer(text):
                name = _without_article(match.group(1).rstrip("."))
                if name and name.casefold() not in _KIND_OF_SHOW and name not in found:
                    found.append(name)
    return found


def _without_article(name: str) -> str:
    tokens = name.split()
    while tokens and tokens[0].casefold() in _NOT_A_SHOW:
        tokens = tokens[1:]
    return " ".join(tokens)


# People doing what hosts and guests do: "Jerod and Adam turn the tables", "Kate joins us".
_PEOPLE_DO = re.compile(
    r"\b((?:[A-Z][a-z]+,?\s+)*?[A-Z][a-z]+)\s+(?:and\s+([A-Z][a-z]+)\s+)?"
    r"(?:turns?|joins?|talks?|chats?|sits?|discuss(?:es)?|celebrates?|interviews?|catch(?:es)?|welcomes?|"
    r"shares?|tells?|asks?|answers?|reflects?|recaps?|hosts?|invites?)\b"
)


def hosts_named(description: str) -> list[str]:
    """The people a description names as doing what hosts and guests do (who, never a promise)."""
    found: list[str] = []
    for match in _PEOPLE_DO.finditer(plain_text(description)[:_DESCRIPTION_CHARS]):
        found.extend(name for name in match.groups() if name)
    return found


def milestone(title: str, description: str) -> str:
    """The occasion an episode celebrates ("100 episodes" from "Practical AI's 100th episode"), else ""."""
    found = _MILESTONE.search(f"{plain_text(title)}\n{plain_text(description)[:_DESCRIPTION_CHARS]}")
    number = int(found.group(1) or found.group(2)) if found else 0
    return f"{number} episodes" if number >= 10 else ""


# Where a title's own claim ends: "Microsoft is all-in on AI: Part 1", "… | Episode 42".
_TITLE_TAIL = re.compile(r"\s*(?:[:|(\[]|\s[-–—]\s|#\d).*$")


def title_claim(title: str) -> str:
    """The title's main clause when it states something ("Microsoft is all-in on AI"), else ""."""
    clause = _TITLE_TAIL.sub("", plain_text(title)).strip(" .!?")
    tokens = words(clause)
    content = [w for w in tokens if w not in _GENERIC and len(w) > 1 and not w.isdigit()]
    if len(tokens) < 3 or len(content) < 2 or tokens[0] in _QUESTION_WORDS:
        return ""
    return clause if fragment_reason(clause + ".") is None and _states(tokens) else ""


_QUESTION_WORDS = frozenset(
    {"how", "why", "what", "when", "where", "who", "which", "should", "can", "is", "are"}
)
_CONTRACTED_IS = frozenset({"it's", "that's", "there's", "here's", "what's", "who's", "he's", "she's"})
_STATING_VERBS = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "will", "can", "does", "do", "did"}
)


def _states(tokens: list[str]) -> bool:
    """A verb that asserts, not just a noun phrase with an "-s" word in it ("Realtime web apps")."""
    return any(
        t in _STATING_VERBS or t.endswith("n't") or t in _CONTRACTED_IS or t in {"wish", "knew"}
        for t in tokens
    )


def _plain_word(word: str) -> bool:
    """Capitalised only as a title's first letter: no inner capital, not an acronym, no digit."""
    return word[1:].islower() and word.isalpha()


def _name_words(names: Sequence[str]) -> set[str]:
    return {stem(w) for name in names for w in words(name)}


def _phrase_promises(
    title: str, description: str, stop_words: frozenset[str], *, skip: Callable[[str], bool], already: int = 0
) -> list[str]:
    texts = (
        (plain_text(title), _MAX_PROMISES),
        (plain_text(description)[:_DESCRIPTION_CHARS], _MAX_PROMISES - 2),
    )
    split = [
        (
            tuple(
                [p for p in kind if not skip(p) and _may_promise(p)] for kind in _phrases(text, stop_words)
            ),
            cap,
        )
        for text, cap in texts
    ]
    strong_total = already + sum(len(strong) for (strong, _), _ in split)
    found: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for (strong, lone), cap in split:
        taken = 0
        for phrase in strong if strong_total >= _ENOUGH_STRONG else strong + lone:
            key = tuple(stem(w) for w in words(phrase))
            if key in seen or any(set(key) <= set(other) for other in seen):
                continue
            seen.add(key)
            found.append(phrase)
            taken += 1
            if taken == cap or len(found) == _MAX_PROMISES:
                break
        if len(found) == _MAX_PROMISES:
            break
    return found


def _may_promise(phrase: str) -> bool:
    """A phrase, or a lone word that names something ("Burnout", "Python"), not a verb ("wish", "starting")."""
    return " " in phrase or is_topic(phrase)


def _phrases(text: str, stop_words: frozenset[str]) -> tuple[list[str], list[str]]:
    """Runs of content words in text order: (phrases and capitalised names, lone lower-case words)."""
    runs: list[str] = []
    for chunk in _BREAK.split(text):
        run: list[str] = []
        matches = list(WORD.finditer(chunk))
        for at, match in enumerate(matches):
            word = match.group(0)
            folded = word.casefold().replace("’", "'")
            if run and _acts_on_something(run, word, matches[at + 1 : at + 2]):
                # "the Changelog | crash the recording": a lower-case word between a name and a
                # determiner is the name's verb, not part of a phrase with it.
                runs.append(" ".join(run[:_MAX_PHRASE_WORDS]))
                run = []
                continue
            if folded in stop_words or folded in _GENERIC or _ORDINAL.match(folded) or len(folded) < 2:
                if run:
                    runs.append(" ".join(run[:_MAX_PHRASE_WORDS]))
                run = []
                continue
            if len(run) >= 2 and word[:1].islower() and all(w[:1].isupper() for w in run):
                # A name ends where a lower-case word begins: "Chris Benson | reach".
                runs.append(" ".join(run[:_MAX_PHRASE_WORDS]))
                run = []
            run.append(word)
        if run:
            runs.append(" ".join(run[:_MAX_PHRASE_WORDS]))
    strong = [r for r in runs if " " in r or r[:1].isupper()]
    lone = [r for r in runs if " " not in r and not r[:1].isupper()]
    # Multi-word runs say more than lone names; text order within each kind.
    return [r for r in strong if " " in r] + [r for r in strong if " " not in r], lone


_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "his", "her", "its", "your", "this", "these"})


def _acts_on_something(run: list[str], word: str, following: list[re.Match[str]]) -> bool:
    """A lower-case word after a run of names and before a determiner: what the named do."""
    return (
        word[:1].islower()
        and all(w[:1].isupper() for w in run)
        and bool(following)
        and following[0].group(0).casefold() in _DETERMINERS
    )


_NONE: frozenset[str] = frozenset()


def check_promises(
    phrases: Sequence[str], sentences: Sequence[TranscriptSentence], speakers: Sequence[str] = ()
) -> list[PromiseCheck]:
    """Each promise with whether the talk delivers it and where it first does."""
    # Only the promised words matter: each sentence keeps just those (most keep none), so memory stays
    # small on a long episode (a whole vocabulary per sentence was ~17x the transcript).
    promised = frozenset(stem(w) for phrase in phrases for w in words(phrase))
    indexed = [(s.start, frozenset(_vocabulary(s.raw) & promised) or _NONE) for s in sentences]
    parts: dict[int, list[tuple[float, frozenset[str]]]] = {}
    for sentence, (start, vocab) in zip(sentences, indexed, strict=True):
        parts.setdefault(sentence.section, []).append((start, vocab))
    speaker_words = set().union(*(_vocabulary(name) for name in speakers)) if speakers else set()
    needed_mentions = 2 if len(sentences) >= 100 else 1
    checks = []
    for phrase in phrases:
        wanted = [stem(w) for w in words(phrase)]
        if not wanted:
            continue
        required = len(wanted) if len(wanted) <= 2 else len(wanted) - 1
        hits = [start for start, vocab in indexed if sum(w in vocab for w in wanted) >= required]
        # A guest named in the title who speaks in the episode is a promise kept.
        is_speaker = all(w in speaker_words for w in wanted)
        delivered = len(hits) >= needed_mentions or is_speaker
        if not delivered and len(wanted) > 1:
            # Talk spreads a topic over several sentences: "rookie mistakes" is kept when one
            # part of the episode discusses rookies and mistakes, if no single sentence says both.
            where = _part_discussing(wanted, required, parts.values())
            if where is not None:
                delivered, hits = True, [where]
        checks.append(
            # A passing mention is no delivery, so it gets no "where" either.
            PromiseCheck(
                promise=phrase, delivered=delivered, where_seconds=hits[0] if delivered and hits else None
            )
        )
    return checks


def _part_discussing(
    wanted: Sequence[str], required: int, parts: Iterable[list[tuple[float, frozenset[str]]]]
) -> float | None:
    """Where the first part whose sentences, together, hold `required` of the wanted words begins
    talking about them (the first of its sentences that mentions one); None when no part does."""
    for part in parts:
        together = set().union(*(vocab for _, vocab in part))
        if sum(w in together for w in wanted) >= required:
            return next(start for start, vocab in part if any(w in vocab for w in wanted))
    return None


# Milestones as they are said: "a hundred episodes", "our 100th".
_NUMBERS = {"fifty": "50", "hundred": "100", "hundredth": "100", "thousand": "1000", "thousandth": "1000"}
_NUMBERED = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def _vocabulary(text: str) -> set[str]:
    """Stemmed words of a text, plus each pair of neighbours written together ("real time" → "realtime")."""
    tokens = [_NUMBERS.get(w) or _NUMBERED.sub(r"\1", stem(w)) for w in words(text)]
    return (
        set(tokens)
        | {a + b for a, b in itertools.pairwise(tokens)}
        | {stem(a + b) for a, b in itertools.pairwise(tokens)}
    )


def verdict(
    checks: Sequence[PromiseCheck], topics: Sequence[str], *, promise_known: bool = True
) -> ClickbaitVerdict:
    """The Quick Takes sentence(s) from the promise checks; topics describe the episode when no promise does.
    Without a promise from the publisher (a dropped file's name is none), there is nothing to judge."""
    if not promise_known:
        return ClickbaitVerdict.nothing_to_judge()
    if not checks:
        # A title and description that only name people or the show promise nothing to check against.
        text = "Nothing to judge: the title and description make no claim about the talk to check."
        covers = covered([], topics)
        if covers:
            text += f" It covers {_join(covers, 'and')}."
        return ClickbaitVerdict(is_clickbait=False, verdict=text, promises=[])
    delivered = [c.promise for c in checks if c.delivered]
    missing = [c.promise for c in checks if not c.delivered]
    is_clickbait = bool(checks) and len(missing) > len(delivered)
    covers = covered(delivered, topics)
    if is_clickbait:
        text = (
            "Our analysis suggests that the episode may be clickbait: "
            f"it barely touches {_join([as_named(p) for p in missing[:3]], 'or')}, which its title or description promise."
        )
        if covers:
            text += f" It does cover {_join(covers, 'and')}."
    else:
        text = "Our analysis suggests that the episode is not clickbait."
        if covers:
            text += f" It covers {_join(covers, 'and')}."
    return ClickbaitVerdict(is_clickbait=is_clickbait, verdict=text, promises=list(checks))


def covered(delivered: Sequence[str], topics: Sequence[str], count: int = 3) -> list[str]:
    """What "It covers …" names: the promised subjects the talk kept, then the episode's main topics.
    Only what reads as a topic after "covers": no occasion ("100 episodes"), no dangling possessive."""
    named: list[str] = []
    seen: set[str] = set()
    for phrase in [*_most_telling(delivered), *topics]:
        keys = {stem(w) for w in words(phrase) if w != "the"}
        if not keys or keys <= seen or phrase[:1].isdigit():
            continue
        named.append(as_named(phrase))
        seen |= keys
        if len(named) == count:
            break
    return named


def as_named(phrase: str) -> str:
    """A promise as it reads inside a sentence: "podcast's audience" → "the podcast's audience"."""
    possessive = phrase[:1].islower() and re.search(r"['’]s\b", phrase) and not phrase.startswith("the ")
    return f"the {phrase}" if possessive else phrase


def _most_telling(promises: Sequence[str]) -> list[str]:
    """Phrases before lone words, and lone words with a capital (names of things) before lower-case ones."""
    return sorted(promises, key=lambda p: (" " not in p, p[:1].islower()))


def _join(items: Sequence[str], word: str) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"
