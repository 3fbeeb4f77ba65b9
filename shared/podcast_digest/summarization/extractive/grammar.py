"""Is it a whole sentence, and is it the same as another?

Plain heuristics for English talk, shared by the offline summarizer's sentence
gate and the quality bench: no finite verb, a conjunction first, trailing off,
a gap left by a removed token, doubled punctuation; two statements sharing
most of their content words.
"""

import re

from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS, stem, words
from podcast_digest.summarization.quotes import normalise

# Two statements sharing this share of their content words say the same thing.
_NEAR_DUPLICATE = 0.6

_CONJUNCTIONS = frozenset({"and", "but", "or", "so", "because", "cause", "'cause", "which", "nor", "plus"})
_AUXILIARIES = frozenset(
    """am is are was were be been being has have had do does did can could will would shall should may might
    must isn't aren't wasn't weren't don't doesn't didn't can't cannot won't wouldn't shouldn't couldn't haven't
    hasn't hadn't""".split()  # noqa: SIM905 - a word list reads best as words
)
_VERBS = frozenset(
    """make get go come take give keep let put run see say tell think know want need use try work build ship
    write read learn help start stop find show call feel seem leave bring begin turn move pay buy sell rent own
    grow lose win change add cut fix test deploy train scale mean matter depend happen become remain include
    allow cause create open close hold lead live look talk ask speak spend cost save serve solve handle
    improve reduce require support explain describe believe expect agree like love hate prefer decide choose
    offer provide run drive push pull break follow carry cover discuss exhibit enhance mirror involve aid outperform
    struggle exist apply affect matter""".split()  # noqa: SIM905 - a word list reads best as words
)
_IRREGULAR_PAST = frozenset(
    """made got went came took gave kept let put ran saw said told thought knew wanted needed built wrote
    read found felt left brought began turned paid bought sold grew lost won cut became held led spent
    chose broke""".split()  # noqa: SIM905 - a word list reads best as words
)
_SUBORDINATORS = frozenset(
    {"if", "when", "whenever", "once", "unless", "although", "though", "while", "whereas"}
)
# What ends the subordinate clause and starts the main one: "If you post a picture, they stop".
_MAIN_CLAUSE_AFTER = re.compile(r"[,;:]\s|\s(?:then|you should|you can|you have to|you need to)\s", re.I)
_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "people", "that", "this", "there", "who"})
_REMOVED_TOKEN_GAP = re.compile(
    r"\b[a-z]+\s+(?:Because|And|But|So|The|We|It|That|This|They|What|Which|When|Or|Of|To|In|Is|Are|There|There's"
    r"|You|He|She)\b"
    r"|\[\s*\]|\(\s*\)|\s[,.;:]\s|\s{2,}"
)
_DOUBLED_PUNCTUATION = re.compile(r"[,;:]\s*[,;:.!?]|[.!?]\s*[,;:]|(?<!\.)\.\s+\.(?!\.)|\?\s*\.|!\s*\.")
# The speaker broke off a phrase and started again: "There's a lot of - you process the prompt…", "…enterprise
# customers that - they don't have the volume." A dash after a finished phrase is an aside, and stays.
_RESTARTED = re.compile(
    r"\b(?:the|a|an|of|to|that|with|for|from|in|on|at|by|about|is|are|was|were|and|or|but|your|my|our|their|its)"
    r"\s+(?:-{1,2}|—|–)\s",
    re.IGNORECASE,
)
_TRAILS_OFF = re.compile(r"(?:\.\.\.|…|--|—|–)\W*$")
# Words a sentence cannot end on: a caption line or a cut that stopped mid-phrase ("…go into the.",
# "…include your script as."). Not the prepositions English strands ("plug in", "works with", "want to").
_CANNOT_END = frozenset(
    """the a an your my our their his its every each as of than and or nor but because if whether although
    unless whereas via per between""".split()  # noqa: SIM905 - a word list reads best as words
)
# "…the same output is." stops before its complement; "whatever our context is", "what it is" do not.
_COPULAS = frozenset({"is", "are", "was", "were"})
_COMPLEMENT_BEFORE = frozenset(
    """what whatever where wherever who whoever how however which that there here it as thing things way i you
    he she we they""".split()  # noqa: SIM905
)
# A clause that stops at its subject: "…the apps that they.", "…and since we."
_SUBJECT_PRONOUNS = frozenset({"i", "we", "they", "he", "she"})
_CLAUSE_OPENERS = frozenset(
    """that which who if when because so and but where since while although unless whether""".split()  # noqa: SIM905
)
# An intensifier and an adjective whose noun never came: "…by generating some pretty realistic."
_NOUNLESS_END = re.compile(
    r"\b(?:some|a|an|your|my|our|their|these|those)\s+(?:pretty|really|very|quite|super|fairly|so)\s+[\w-]+\W*$",
    re.IGNORECASE,
)
# After "If …," an example or an aside is still no main clause: "If you combine that…, like GANs."
_ASIDE_NOT_CLAUSE = re.compile(
    r"(?:like|such as|including|especially|particularly|mainly|e\.g\.|for example|for instance|that much|"
    r"so much|even more|and|or|but|amazing|great|awesome|cool|perfect)\b"
    # "then" and an infinitive, no clause of its own: "If it looks like they were successful, then to shut off
    # the output…" (an infinitive alone may be a subject: "…, to get a model good at that is impossible")
    r"|then\s+to\s+(?!(?:me|us|you|them|him|her|the|a|an|my|our|your|their|this|that)\b)",
    re.IGNORECASE,
)
# A condition after "no matter…," whose consequence never comes: "…no matter how good the content is,
# if your audio quality isn't good."
_CONDITION_LEFT_OPEN = re.compile(
    r"\bno matter (?:how|what|who|where|when|which)\b[^,;]*,\s*(?:if|when|unless|once)\s[^,;]*\W*$",
    re.IGNORECASE,
)


def fragment_reason(text: str) -> str | None:
    """Why a statement is not a whole sentence, or None when it is one."""
    tokens = words(text)
    if not tokens:
        return "empty"
    if tokens[0] in _CONJUNCTIONS:
        return "starts with a conjunction"
    if _TRAILS_OFF.search(text.strip()):
        return "trails off"
    if _DOUBLED_PUNCTUATION.search(text):
        return "doubled punctuation"
    if _REMOVED_TOKEN_GAP.search(text):
        return "gap left by a removed token"
    if _RESTARTED.search(text):
        return "restarts mid-phrase"
    if tokens[0] in _SUBORDINATORS and not _main_clause_follows(text):
        return "a subordinate clause alone"
    if _ends_mid_phrase(tokens, text):
        return "ends mid-phrase"
    if _only_a_relative_clause(text):
        return "a phrase and its relative clause, no main clause"
    if not has_finite_verb(tokens):
        return "no finite verb"
    return None


def _main_clause_follows(text: str) -> bool:
    """After an opening "If…"/"When…": a clause of its own follows, not only an example or an aside."""
    if not _MAIN_CLAUSE_AFTER.search(text):
        return False
    after = [c.strip() for c in re.split(r"[,;:]\s", text.rstrip(" .!?"))[1:]]
    return not after or any(len(c.split()) >= 2 and not _ASIDE_NOT_CLAUSE.match(c) for c in after)


# "Neural Processing Unit, which is a generic industry term.": the verb is the relative clause's.
_RELATIVE_AFTER = re.compile(r",\s+(?:which|who|whose|where)\b", re.IGNORECASE)


def _only_a_relative_clause(text: str) -> bool:
    found = _RELATIVE_AFTER.search(text)
    if found is None:
        return False
    head = words(text[: found.start()])
    resumed = text.find(",", found.end())  # "Mark, who is the CTO, says…": the main clause resumes
    rest = words(text[resumed + 1 :]) if resumed >= 0 else []
    return bool(head) and head[0] not in _SUBORDINATORS and not has_finite_verb(head + rest)


def _ends_mid_phrase(tokens: list[str], text: str) -> bool:
    """It stops where no sentence stops: on a determiner, a conjunction, an adjective without its noun, a
    copula without its complement, or a condition without its consequence."""
    last = tokens[-1]
    if last in _CANNOT_END:
        return True
    if last in _COPULAS and not _COMPLEMENT_BEFORE.intersection(tokens[-5:-1]):
        return True
    if last in _SUBJECT_PRONOUNS and len(tokens) > 1 and tokens[-2] in _CLAUSE_OPENERS:
        return True  # "…80% of the apps that they."
    return bool(_NOUNLESS_END.search(text) or _CONDITION_LEFT_OPEN.search(text))


def looks_like_a_verb(token: str) -> bool:
    """A word that is usually a verb here ("create", "mentioned", "gotten", "asks"), not a thing's name."""
    token = token.casefold()
    return (
        token in _AUXILIARIES
        or token in _IRREGULAR_PAST
        or token in _VERBS
        or (token.endswith("s") and token[:-1] in _VERBS)
        or (
            len(token) > 4 and token.endswith(("ed", "en")) and not token.endswith("een") and token[-3] != "e"
        )
    )


def is_past_form(token: str) -> bool:
    """A verb's past form ("recorded", "gotten", "thrown", "made"): says what happened, names no thing."""
    token = token.casefold()
    return token in _IRREGULAR_PAST or (
        looks_like_a_verb(token) and token.endswith(("ed", "en", "wn")) and not token.endswith("een")
    )


def has_finite_verb(tokens: list[str]) -> bool:
    for k, token in enumerate(tokens):
        if (
            token in _AUXILIARIES
            or token in _IRREGULAR_PAST
            or token.endswith(("'s", "'re", "'ve", "'ll", "'d", "n't"))
        ):
            return True
        if len(token) > 3 and token.endswith("ed"):
            return True
        infinitive = k > 0 and tokens[k - 1] == "to"  # "to help" is not a finite verb
        if not infinitive and (
            token in _VERBS or (token.endswith("s") and token[:-1] in _VERBS) or token[:-2] in _VERBS
        ):
            return True
        following = tokens[k + 1] if k + 1 < len(tokens) else ""
        if token in _SUBJECTS and following and following not in ENGLISH_STOP_WORDS_PLUS:
            return True
        if _plural_subject_then_verb(token, following) or _singular_subject_then_verb(token, following):
            return True
    return False


def _singular_subject_then_verb(token: str, following: str) -> bool:
    """ "The cache sits", "Wave keeps": a noun, then a verb in its -s form."""
    return (
        len(token) > 2
        and not token.endswith("s")
        and token not in ENGLISH_STOP_WORDS_PLUS
        and len(following) > 3
        and following.endswith("s")
        and not following.endswith(("ss", "ous", "ics", "ies"))
        and following not in ENGLISH_STOP_WORDS_PLUS
    )


def _plural_subject_then_verb(token: str, following: str) -> bool:
    """ "Models exhibit", "Teams ship": a plural noun, then a plain verb form."""
    return (
        len(token) > 3
        and token.endswith("s")
        and not token.endswith("ss")
        and token not in ENGLISH_STOP_WORDS_PLUS
        and len(following) > 2
        and following not in ENGLISH_STOP_WORDS_PLUS
        and not following.endswith(("s", "ing", "ly", "ed"))
    )


def content_stems(text: str) -> set[str]:
    return {
        stem(w) for w in words(text) if w not in ENGLISH_STOP_WORDS_PLUS and len(w) > 2 and not w.isdigit()
    }


def same_statement(a: str, b: str) -> tuple[bool, bool]:
    """(exact, near): the same words, or most of the same content words."""
    return same_folded((normalise(a), content_stems(a)), (normalise(b), content_stems(b)))


Folded = tuple[str, set[str]]


def folded(text: str) -> Folded:
    """What `same_folded` compares, computed once per statement."""
    return normalise(text), content_stems(text)


def same_folded(a: Folded, b: Folded) -> tuple[bool, bool]:
    (na, sa), (nb, sb) = a, b
    if na == nb or (min(len(na), len(nb)) >= 40 and (na in nb or nb in na)):
        return True, True
    if len(sa) < 3 or len(sb) < 3:
        return False, False
    shared = len(sa & sb)
    return False, shared >= 3 and shared / min(len(sa), len(sb)) >= _NEAR_DUPLICATE
