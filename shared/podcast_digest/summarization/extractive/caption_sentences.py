"""Sentence boundaries recovered in talk a caption engine wrote without punctuation.

Auto-captions often stop punctuating part-way through an episode ("…the change is only propagated to
the current client which is I see okay yeah that makes a lot of sense this portion of talk Python is
brought to you by Sentry how would you like to remove a little stress…"). What is really there to cut
on: a pause between cues, and words that open a new clause once the one before is complete ("so",
"okay", "yeah", "I see", "and then", "how would you", "do you", a pronoun and its verb after a noun).
A boundary is never put after a word that leaves a phrase open ("the", "to", "is", "which"…): "the
change is only propagated | to the current client" is not a sentence end.

Each boundary says how it was found: RECOVERED (a pause, or an opener after a complete clause: good
enough to trust, measured in bench/bench_caption_sentences.py) or GUESSED (a piece grew too long and
was cut where it least breaks a phrase). English only: callers check the language first.
"""

import re
from dataclasses import dataclass

from podcast_digest.summarization.extractive.grammar import looks_like_a_verb

RECOVERED, CLAUSE, GUESSED = "recovered", "clause", "guessed"
KINDS = (RECOVERED, CLAUSE, GUESSED)

# A pause this long between two cues of one speaker ends a sentence (unless a phrase is left open).
PAUSE_SECONDS = 1.0
# A piece shorter than this is not cut on an opener (a pause or a run of interjections still cuts it).
_MIN_WORDS = 2
# A pronoun and its verb cut a piece only once it is this long (a GUESSED boundary).
_WEAK_FROM_WORDS = 8
# Past this many words with no boundary found, a piece is cut anyway (a GUESSED boundary).
_MAX_WORDS = 30
_GUESS_FROM_WORDS = 10

# After these a sentence does not end: the phrase they open is still unfinished.
LEAVES_OPEN = frozenset(
    """a an the my our your their his her its these those every some any each another
    to of in on at for with by from into onto about as than via per without within between through
    and or but nor because if when whenever where whereas while which who whom whose whether although though
    unless until since
    is are was were be been being am isn't aren't wasn't weren't have has had having
    would could should will shall might must can may
    i we they he she i'm we're they're you're he's she's it's that's there's what's i've we've they've
    i'd we'd they'd i'll we'll they'll
    very just really quite kind sort gonna wanna trying able also even not like what""".split()  # noqa: SIM905
)
# Words that, on their own, open a new sentence after a complete clause.
_INTERJECTIONS = frozenset({"yeah", "okay", "ok", "alright", "oh", "yes", "yep", "exactly", "absolutely"})
_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she"})
_ADVERB_TOO = frozenset({"exactly", "absolutely", "yes"})  # interjections that are also said inside a clause
# Words said at the end of a clause to close it ("…right", "…yeah exactly"), and what opens one after them.
_TAGS = frozenset({"right", "okay", "ok", "yeah", "exactly", "yes", "alright"})
_TAG_FOLLOWERS = frozenset({"it's", "that's", "there's", "and", "so", "but", "if", "well", "this", "what"})
# After the tag "right", a determiner opens a new noun phrase: "right" as an adjective comes before its noun,
# never before "these" ("…on the wave server right these multiple scripts…"). Not after "exactly": "did
# exactly these steps" is an adverb.
_DETERMINERS_AFTER_RIGHT = frozenset({"these", "those"})
_SUBJECT_CONTRACTIONS = frozenset(
    {"i'm", "we're", "you're", "they're", "i've", "we've", "you've", "they've", "i'll", "we'll", "you'll"}
)
# Openers that need a particular next word: "so the…", "but I…", "now if…", "well I…".
_OPENS_WITH_NEXT = {
    "so": frozenset(
        {
            "i",
            "we",
            "you",
            "they",
            "it",
            "it's",
            "that's",
            "there's",
            "the",
            "if",
            "in",
            "what",
            "how",
            "yeah",
        }
        | {"this", "basically", "once", "when", "let's", "i'm", "we're", "you're", "my", "our", "now"}
    ),
    "now": frozenset({"i", "we", "you", "if", "the", "let's", "it's", "there's", "what"}),
    "well": frozenset({"i", "we", "you", "it", "it's", "that's", "there's", "the", "so", "yeah", "if"}),
    "and": frozenset({"so"}),
    "in": frozenset({"fact"}),
    "for": frozenset({"example", "instance"}),
    "that's": frozenset({"right", "true", "correct", "awesome", "great", "cool", "interesting"}),
    "i": frozenset({"see", "mean"}),
    "how": frozenset({"would", "much", "do", "does", "did", "about", "can", "is", "are"}),
    "what": frozenset({"if", "about", "do", "does", "is", "are", "would", "was"}),
    "do": frozenset({"you", "we", "they"}),
    "would": frozenset({"you"}),
    # "…how markdown gets applied and used | let's see another thing": the speaker thinking aloud, moving
    # on; never the rest of a clause once the word before leaves nothing open ("let's say" often is, and
    # is left out: "has most features let's say most widgets").
    "let's": frozenset({"see"}),
}
# A pronoun opening a clause needs the word before it to be a finished thing, not one that takes a clause.
_TAKES_A_CLAUSE = frozenset(
    """that think know say said mean guess believe hope feel sure like so see tell told show wish thought
    knew because if when where what how why who which than whether before after once whatever like""".split()  # noqa: SIM905
)
# Words that join a new clause on: a long piece is best cut before one (GUESSED).
_CLAUSE_LINKS = frozenset({"and", "but", "so", "because", "then"})
_WEAK_LINK_NEXT = frozenset({"i", "we", "you", "they", "then", "it's", "that's", "there's", "i'm", "we're"})
_TOKEN = re.compile(r"\S+")
# A sentence opening on a verb before its subject ("do you…", "how would I…") asks something.
_ASKS = re.compile(
    r"^(?:(?:how|what|why|where|when|which|who)\s+(?:\w+\s+)?)?"
    r"(?:do|does|did|is|are|was|were|can|could|would|will|should|have|has|am)\s+"
    r"(?:i|you|we|they|he|she|it|there|that|this)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Piece:
    """A recovered sentence: where it lies in the text and how each of its ends was found."""

    start: int
    end: int
    opens: str  # RECOVERED or GUESSED: how the boundary before it was found
    closes: str  # and the one after it


def asks(sentence: str) -> bool:
    """Does a recovered sentence ask a question ("Do you have a grid", "How does that work…")? The
    engine wrote no question mark; the verb before its subject says so."""
    return bool(_ASKS.match(sentence))


def _bare(token: str) -> str:
    return token.casefold().replace("’", "'").strip('.,;:!?"()[]')


def _opener_at(words: list[str], i: int) -> str | None:
    """Does word i open a new clause (given the words around it)? RECOVERED for the openers that did so
    on the held-out captions more often than not; GUESSED for a pronoun and its verb after a finished
    word (about as often wrong as right: used only to cut a piece that runs long); None when it does not."""
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    if word in _ADVERB_TOO:  # "…built a wave app that did exactly that": an adverb, unless a clause follows
        # or the listener's praise does ("…leave all the other stuff there | exactly cool let's talk…": the
        # other speaker agreeing, not the end of "there").
        closes = (
            not following
            or following in _INTERJECTIONS
            or _after_a_tag([word, following], 1)
            or bool(acknowledgement_at(words, i + 1))
        )
        return RECOVERED if closes else None
    if word in _INTERJECTIONS or (word, following) == ("all", "right"):
        return RECOVERED
    if word in ("and", "but") and following in _WEAK_LINK_NEXT:
        return CLAUSE  # "and then", "but I…": as often inside a sentence as at its start
    if word in _OPENS_WITH_NEXT:
        return RECOVERED if following in _OPENS_WITH_NEXT[word] else None
    if word in _SUBJECT_CONTRACTIONS or (word in _SUBJECTS and looks_like_a_verb(following)):
        before = words[i - 1] if i > 0 else ""
        return CLAUSE if before not in _TAKES_A_CLAUSE and not looks_like_a_verb(before) else None
    return None


def _interjection_run(words: list[str], i: int) -> bool:
    """Word i starts a run of two interjections ("I see okay", "okay yeah"): someone answered."""
    first = words[i] in _INTERJECTIONS or (words[i], words[i + 1] if i + 1 < len(words) else "") == (
        "i",
        "see",
    )
    after = i + (2 if words[i] == "i" else 1)
    return first and after < len(words) and words[after] in _INTERJECTIONS


def _after_a_tag(words: list[str], i: int) -> bool:
    """Word i follows a tag that closes a clause ("…it's tricky yeah exactly | it's tricky even…",
    "…the data scientists right | you…") and opens a clause of its own."""
    tag, word = words[i - 1], words[i]
    if tag not in _TAGS or (tag == "right" and words[i - 2] in ("all", "the", "that's")):
        return False
    if tag == "right" and word in _DETERMINERS_AFTER_RIGHT:
        return True  # "…running on the wave server right | these multiple scripts…"
    return word in _SUBJECTS or word in _SUBJECT_CONTRACTIONS or word in _TAG_FOLLOWERS


# A listener's praise said between two turns ("…multiple languages | cool got it | and…"), not inside one
# ("it looks pretty cool", "a cool framework"): after a word that leaves nothing open, before one that
# opens the next turn.
_ACKNOWLEDGEMENTS = frozenset({"cool", "awesome", "perfect", "nice", "wow", "great", "neat"})
_QUALIFIES = frozenset(
    """pretty so super too how really very looks look looked sounds sound seems seem be been little some real
    quite well""".split()  # noqa: SIM905
)
_TURN_OPENERS = _INTERJECTIONS | frozenset(
    """got so let's i i'd i'm i'll we we're you it's that's and well all thanks thank what now but this
    there's""".split()  # noqa: SIM905
)


def acknowledgement_at(words: list[str], i: int) -> int:
    """How many words of a listener's praise start at word i ("cool", "cool got it"; 0: none)."""
    if words[i] not in _ACKNOWLEDGEMENTS or i == 0:
        return 0
    before, following = words[i - 1], words[i + 1] if i + 1 < len(words) else ""
    if before in LEAVES_OPEN or before in _QUALIFIES or (following and following not in _TURN_OPENERS):
        return 0
    return 3 if words[i + 1 : i + 3] == ["got", "it"] else 1


def boundary_before(words: list[str], i: int, count: int, paused: bool) -> str | None:
    """How a sentence may end before word i, `count` words after the last boundary (None: it may not)."""
    if i == 0 or count == 0:
        return None
    if acknowledgement_at(words, i) and count >= _MIN_WORDS:
        return RECOVERED  # "…between multiple languages | cool got it"
    if i >= count and acknowledgement_at(words, i - count) == count:
        return RECOVERED  # the praise alone, then the next turn: "cool got it | and…"
    before = words[i - 1]
    if before in _INTERJECTIONS and words[i] in _INTERJECTIONS:
        return None  # "okay yeah" is one answer
    if _interjection_run(words, i) and count >= 2:
        return RECOVERED  # an answer cuts in, even after an unfinished phrase ("…which is | I see okay yeah")
    if before in LEAVES_OPEN:
        return None
    if _after_a_tag(words, i) and count >= 3:
        return RECOVERED  # "…for the data scientists right | so for example…"
    if paused:
        return RECOVERED
    if count < _MIN_WORDS:
        return None
    found = _opener_at(words, i)
    return found if found == RECOVERED or count >= _WEAK_FROM_WORDS else None


def _guess(words: list[str], first: int, last: int) -> int:
    """Where to cut an over-long piece [first, last): the first word past the sample's idea length that
    opens a clause ("and", "so", "I", "we"…) after a word that closes a phrase; else the latest word
    that does not leave a phrase open; else at the end."""
    for i in range(first + _GUESS_FROM_WORDS, last):
        if words[i - 1] not in LEAVES_OPEN and (words[i] in _SUBJECTS or words[i] in _CLAUSE_LINKS):
            return i
    for i in range(last - 1, first + _GUESS_FROM_WORDS - 1, -1):
        if words[i - 1] not in LEAVES_OPEN:
            return i
    return last


def recovered_pieces(
    text: str, a: int, b: int, pauses: set[int], opens: str = GUESSED, closes: str = GUESSED
) -> list[Piece]:
    """The sentences of text[a:b] (talk with no punctuation); `pauses` are offsets where a cue begins after
    a pause. The first piece opens and the last closes as `opens` and `closes` say (a part's edge, where
    the talk may be cut mid-sentence, is GUESSED; a speaker's turn is RECOVERED)."""
    tokens = [(m.start() + a, _bare(m.group(0))) for m in _TOKEN.finditer(text[a:b])]
    words = [w for _, w in tokens]
    cuts: list[tuple[int, str]] = []  # (word index, how found)
    last = 0
    for i in range(len(words)):
        found = boundary_before(words, i, i - last, tokens[i][0] in pauses)
        if found:
            cuts.append((i, found))
            last = i
        elif i - last >= _MAX_WORDS:
            cut = _guess(words, last, i)
            cuts.append((cut, GUESSED))
            last = cut
    pieces, at, how = [], 0, opens
    for cut, found in cuts:
        pieces.append(Piece(tokens[at][0], tokens[cut][0], how, found))
        at, how = cut, found
    if tokens:
        pieces.append(Piece(tokens[at][0], b, how, closes))
    return pieces
