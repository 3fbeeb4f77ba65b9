"""Claims a speaker makes, as lesson titles: "Any tool can be used for evil or good".

The sample's lessons are advice and insights stated as claims. Offline a claim
is found in the speaker's own sentence: one of its clauses (cut at ";", a dash,
", and", ", but", "because") that states something general about a thing named
by its subject ("Doing podcasts is hard", "Ethical data science allows you to
do better data science"), or gives generic advice ("You don't have to be a top
scientist"). Words are only dropped at a clause's start (connectives and
hedges: "and", "I think"); a clause is never cut inside, so a "not" or a
condition is never lost ("If you have a small amount of data, …" is kept
whole or not used). The clause a "but" concedes is not the speaker's claim: only
what comes after the "but" may be one.

English only: the summarizer never calls this for other languages.
"""

import re
from dataclasses import replace
from functools import lru_cache

from podcast_digest.summarization.extractive.gate import is_candidate
from podcast_digest.summarization.extractive.grammar import content_stems, fragment_reason, looks_like_a_verb
from podcast_digest.summarization.extractive.lessons import (
    PART_OF_A_NAMED_THING,
    carries_its_claim,
    is_hollow_title,
    names_in,
)
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS

# Where one clause of a spoken sentence ends and the next begins (the joiner stays with the next).
_CLAUSE_BREAK = re.compile(
    r"\s*;\s+|\s*:\s+|\s+(?:-|--|—|–)\s+|,\s+(?=(?:but|and|so|because|which means|whereas)\b)|\s+(?=because\b)",
    re.I,
)
# What opens a clause without being part of its claim: connectives and hedges.
_OPENER = re.compile(
    r"^(?:(?:and|but|so|because|and so|yeah|well|now|okay|ok|oh|look|honestly|basically|actually|"
    r"really|definitely|certainly|obviously|of course|i mean|you know|i think(?: that)?|i guess(?: that)?|"
    r"i feel like|i would say(?: that)?|i'd say(?: that)?|i believe(?: that)?|in my opinion|to be honest|"
    # "The thing that we see is | the capabilities … are not commoditized": the claim is what is seen.
    r"(?:the thing (?:that )?|what )(?:(?:we|i) (?:see|find|have seen|have found|have learned|learned)|"
    r"(?:we've|i've) (?:seen|found|learned)) is"
    r"(?: that)?|"
    r"at the end of the day|in the end|for the most part|in general|generally|ultimately|"
    r"it turns out(?: that)?|the truth is(?: that)?|the reality is(?: that)?|in fact|for example|for instance|"
    r"at the same time|again|frankly|personally|clearly|interestingly|importantly|(?:sure|no|yes|right|see|listen),|"
    r"historically|today|these days|nowadays|now|in practice|in reality|"
    # "It's just, Jupyter is great…": a false start the speaker breaks off at the comma.
    r"it's just(?=,))\b[,]?\s+)+",
    re.I,
)
# An aside between commas, dropped where the sentence reads whole without it: "which is, I would say,
# industry standard" → "which is industry standard".
_ASIDE = re.compile(
    r",\s+(?:let's say|let’s say|i would say|i'd say|i think|i guess|you know|like|sort of|kind of|of course|"
    r"if you will|basically|actually|so to speak|say|really|obviously)\s*,\s*",
    re.I,
)
# Words after which the phrase goes on past the aside: "any, let's say, regular app" → "any regular app".
_GOES_ON = re.compile(
    r"\b(?:any|the|a|an|is|are|was|were|of|to|in|on|for|with|some|most|very|more|less|and|or)$", re.I
)


def _without_asides(text: str) -> str:
    def cut(aside: re.Match[str]) -> str:
        return " " if _GOES_ON.search(text[: aside.start()]) else ", "

    return _ASIDE.sub(cut, text)


_CLOSER = re.compile(
    r"(?:,?\s+(?:i think|i guess|you know|right|for sure|honestly|i mean|though|anyway))+$", re.I
)
# A condition that opens the clause and is kept with it: "For startups, rent before you buy".
_CONDITION = re.compile(
    r"^(?:if|when|whenever|once|unless|for|as long as|until|at scale|in|depending on|without|with)\b[^,]{2,60},\s+"
    # A longer one where the speaker marks its end with "then": "If you want to build something enterprise-y
    # or something that needs a longer maintenance, then you need to reach out for frameworks".
    r"|^(?:if|when|whenever|once)\b[^,]{2,100},\s+(?=then\s)",
    re.I,
)
_TITLE_WORDS = (4, 15)
_CONDITIONED_WORDS = 20

# Subjects that name nothing out of their sentence, or tell the speaker's own story.
_POINTER_SUBJECT = re.compile(
    r"^(?:it|it's|its|this|that|that's|these|those|there|there's|here|here's|they|they're|them|he|he's|she|"
    r"she's|i|i'm|i've|i'd|i'll|me|my|we've|we're|we'd|we'll|we (?:have|had|got|get|were|was|did|do)|"
    r"you've|you're|you'd|you (?:have|had|got|get|were|was|did|see|know)|one|ones|something|everything|"
    r"anything|stuff|what|which|who|so|then|also|even|just|like|not|no|yes|a lot"
    + PART_OF_A_NAMED_THING
    + r"|lots|some of|part of|"
    r"all of|most of|half of|none of|any of|each of|many of|the same|the other|another|both|each|first|second|"
    r"third|finally|eventually|suddenly|later|earlier|once|every (?:single )?time|each time|any time|"
    r"the (?:more|less|better|faster|bigger|smaller)\b(?!.*,\s+the))\b",
    re.I,
)
# Generic advice: "you" or "we" with a modal of need, or an imperative.
_ADVICE_SUBJECT = re.compile(
    r"^(?:you|we|everyone|everybody|people|developers|teams?|companies|startups)\s+"
    r"(?:(?:really|just|always|never|also|still|probably|definitely)\s+)?"
    r"(?:should|shouldn't|must|need to|needn't|have to|don't have to|don't need to|can't|cannot|"
    r"don't want to|want to make sure|ought to|gotta|got to)\b",
    re.I,
)
# Imperatives that advise (not the steps of a demo, "Open up a tab", nor a host's "Explain to me…").
_IMPERATIVE = re.compile(
    r"^(?:(?:just|so|really)\s+)?(?:don't|do not|never|always|avoid|make sure|focus on|start with|start small|"
    r"invest in|remember|be careful|be a|be an|be patient|be honest|be explicit|keep it|stop|prefer|consider|rent|buy|"
    r"hire|measure|automate|document|learn|treat|think about|think differently|plan for|test)\b",
    re.I,
)
# A title cut from a host's ask or a story rather than from advice.
_NOT_ADVICE = re.compile(
    r"^(?:how|what|why|where|when|who|which|whether|explain|tell|show|give|answer|let|imagine|culminating|to)\b"
    r"|^\w+(?:ed|ing)\b",
    re.I,
)
# A general claim says how things are: a quantified or generic subject, an evaluation, a comparison, a
# modal of possibility or need. A plain description of one product's feature is an idea, not a lesson.
_GENERAL = re.compile(
    r"^(?:any|every|all|most|many|no|nobody|everyone|everybody|people|developers|companies|teams|users)\b"
    r"|\b(?:is|are|isn't|aren't|'s|becomes?|gets?|seems?|remains?)\s+(?:[\w'’-]+\s+){0,4}?(?:(?:still|always|never|not|really|very|so|"
    r"much|way|pretty|quite|a lot|definitely|incredibly|super|just|also|often|usually|more|less|most|least|"
    r"fairly|becoming|getting)\s+)*"
    r"(?:important|essential|crucial|critical|key|hard|harder|hardest|easy|easier|difficult|simple|simpler|"
    r"better|best|worse|worst|faster|slower|cheaper|expensive|useful|useless|valuable|dangerous|risky|"
    r"possible|impossible|necessary|enough|fine|great|good|bad|powerful|complex|complicated|common|rare|"
    r"commoditized|underrated|overrated|undervalued|overhyped|growing|changing|evolving|cluttered|"
    r"perfect|ideal|wrong|heavy|high|low|huge|massive|amazing|awesome|interesting|fruitful|reliable|unreliable|secure|safe|"
    r"unsafe|major|limiting|inherent|magnified|on by default|above|ahead|behind|"
    r"a (?:tool|problem|challenge|mistake|trap|myth|big deal|game changer))\b"
    r"|\b(?:than|can|can't|cannot|could|will|won't|should|shouldn't|must|need to|needs to|have to|has to)\b"
    r"|\b(?-i:allows?|lets?|helps?|enables?|makes?|requires?|means|matters?|depends|pays off|works|wins|"
    r"beats|outperforms?|scales?|breaks?|costs?|saves?|hurts?|drives?|leads? to)\b"
    r"|^the (?:key|problem|trick|secret|lesson|takeaway|point|reason|difference|danger|risk|goal|hard part)\b"
    r"|^what (?:matters|counts|works)\b|\bbest practices?\b|^the number one\b"
    r"|^the (?:biggest|main|real|hardest|best|worst|most important|only)\s+(?:[\w'’-]+\s+){0,2}(?:is|are)\b",
    re.I,
)
# A story or an event, not a claim: the past tense, or the speaker's own life.
_STORY = re.compile(
    r"\b(?:was|were|did|didn't|had|hadn't|used to|went|said|told|asked|happened|started|ended up|remember)\b",
    re.I,
)
# Lines to the audience or about the show: invitations, not lessons.
_TO_THE_AUDIENCE = re.compile(
    # "your podcast listeners" are the audience of the listener's own show, a how-to episode's subject
    r"\b(?:(?<!\byour podcast )(?<!\byour )listeners?|(?:this|our|the|next|last) episodes|let us know|reach out(?!\s+for\b)|send us|tell us|join us|our (?:slack|show|podcast|guests?|"
    r"community|listeners)|this (?:show|podcast|episode)|the (?:show|podcast|episode)|please|subscribe|"
    r"sponsor\w*|promo|show notes|check (?:it|them|this) out)\b",
    re.I,
)
_QUOTES = re.compile(r"[\"“”]")


@lru_cache(maxsize=8192)  # asked of each sentence for its title, its explanation and its setting
def spoken_claim(sentence: str) -> tuple[str, str]:
    """The claim one clause of the sentence makes, as a title, and the rest of the sentence when it is a
    whole clause of its own ("" if not); ("", "") when no clause of the sentence is a claim."""
    if _QUOTES.search(sentence) or _TO_THE_AUDIENCE.search(sentence) or sentence.rstrip().endswith("?"):
        return "", ""
    clauses = _clauses(sentence)
    for k, clause in enumerate(clauses):
        if k + 1 < len(clauses) and re.match(r"(?:but|whereas)\b", clauses[k + 1], re.I):
            # The speaker concedes this clause; the claim is what follows the "but", and kept with its
            # concession when it only says "it" for the thing the concession names ("Jupyter is great, |
            # but it's not an end user technology").
            limited = verdict_with_its_limit(clause, clauses[k + 1])
            if limited:
                return limited, _as_sentence(_after(sentence, clauses, k + 1))
            continue
        reasoned = k + 1 < len(clauses) and bool(re.match(r"(?:because|so that)\b", clauses[k + 1], re.I))
        title = claim_clause(clause, reasoned=reasoned)
        if title:
            return title, _as_sentence(_after(sentence, clauses, k))
    return "", ""


# "Jupyter is great", "TypeScript is really nice": a named thing and the speaker's praise of it.
_PRAISED = re.compile(
    r"^(?P<subject>[A-Z][\w'’.+#-]*(?:\s+[\w'’.+#-]+){0,2}?)\s+(?P<verb>is|are)\s+(?:(?:really|so|very|pretty|"
    r"super|just|quite|absolutely)\s+)*(?:great|fantastic|amazing|awesome|good|nice|fine|cool|powerful|useful|"
    r"wonderful|excellent|brilliant|helpful|popular)$"
)
# "but it's not an end user technology": the limit, said of the praised thing by a pronoun.
_ITS_LIMIT = re.compile(
    r"^(?:but\s+)?(?:(?:it's|it is|they're|they are)\s+(?P<limit>not\s+.+)|(?:it|they)\s+(?P<negated>(?:doesn't|don't|"
    r"can't|won't|isn't|aren't)\s+.+))$",
    re.I,
)


def verdict_with_its_limit(conceded: str, turned: str) -> str:
    """A thing praised and, after "but", what it is not, as one title ("Jupyter is great, but it's not an end
    user technology"): the "it" of the limit names the praised thing, so the limit alone points at nothing
    and the praise alone is conceded. "" unless the limit, said of the thing by name, is a claim."""
    praised = _PRAISED.match(_plain(conceded).strip(" ,.!"))
    limit = _ITS_LIMIT.match(_plain(turned).strip(" ,.!"))
    if not praised or not limit or praised.group("subject").casefold() in _POINTERS_NAMED:
        return ""
    subject, verb = praised.group("subject"), praised.group("verb")
    said = limit.group("limit") or limit.group("negated")
    # Judged with the thing named ("Jupyter is not an end user technology"); the title keeps the words said.
    named = f"{subject} {verb} {said}" if limit.group("limit") else f"{subject} {said}"
    if _STORY.search(said) or _ENDS_ON_A_POINTER.search(said) or names_in(named) < 3:
        return ""
    if fragment_reason(named + ".") is not None or len(named.split()) > _TITLE_WORDS[1]:
        return ""
    title = f"{praised.group(0)}, but {_plain(turned).strip(' ,.!')}"
    return title[:1].upper() + title[1:]


_POINTERS_NAMED = frozenset({"it", "this", "that", "there", "here", "everything", "something", "one"})


def claim_setting(sentence: str) -> str:
    """What the sentence says before its claim, as a sentence, where that is the claim's reason or setting
    ("We're at this wonderful place where everything's new, and so | all the low-hanging fruit hasn't been
    picked"; "They wrote an article about doing good data science, | ethical data science…"); "" where it
    is a concession, a story, or no whole clause."""
    title = spoken_claim(sentence)[0]
    clauses = _clauses(sentence)
    k = next((k for k, c in enumerate(clauses) if title and claim_clause(c) == title), 0)
    if k == 0 or _STORY.search(_before(sentence, clauses, k)):
        return ""
    reason = re.match(r"(?:and\s+)?so\b", clauses[k], re.I)
    # Or whole clauses side by side, none of them a consequence or a contrast.
    beside = not _CONNECTIVE.match(clauses[k]) and all(
        _a_clause(c) and not _CONNECTIVE.match(c) for c in clauses[:k]
    )
    return _as_sentence(_before(sentence, clauses, k)) if reason or beside else ""


_CONNECTIVE = re.compile(r"(?:and|but|so|or|rather|because|however|although|though|whereas|yet|then)\b", re.I)


def claim_clause(clause: str, *, reasoned: bool = False) -> str:
    """The clause as a title when it states a claim or generic advice on its own, else "". `reasoned`: the
    speaker gives a reason for it ("…, because …"), so an imperative is advice, not a demo's step."""
    text = _plain(clause).strip(" ,.!")
    condition = _CONDITION.match(text)
    longest = _CONDITIONED_WORDS if condition else _TITLE_WORDS[1]
    if condition and re.match(r"then\s", text[condition.end() :], re.I):
        text = text[: condition.end()] + text[condition.end() + 5 :]  # "If you look at it, then X" → ", X"
        longest += 2  # the speaker's "then" marks where the condition ends: no guess to keep short
    main = text[condition.end() :] if condition else text
    tail = re.search(
        r",\s+(?!(?:and|or|except|unless|not|only|but|without|if|especially|apart|other than)\b)", main
    )
    if tail and (
        fragment_reason(main[tail.end() :] + ".") == "no finite verb"
        or _noun_and_relative(main[tail.end() :])
    ):
        text, main = text[: len(text) - len(main) + tail.start()], main[: tail.start()]  # an appositive
    if re.search(r",(?!\s+(?:and|or)\s)", main):
        return ""  # a list or an aside inside the clause: no title cut from it keeps its meaning for sure
    if len(main.split()) < _TITLE_WORDS[0] or len(text.split()) > longest:
        return ""
    if _ONLY_A_TASTE.search(main):
        return (
            ""  # "The Open AI relationship's very interesting" says what the speaker likes, teaches nothing
        )
    if not _is_claim(main, reasoned=reasoned) or _POINTS_AT_THE_CASE.search(text) or is_hollow_title(text):
        return ""
    text = _TITLE_HEDGE.sub(r"\1 ", text)
    return text[:1].upper() + text[1:]


# A verdict of taste and nothing after it: "…is very interesting", "…become pretty interesting".
_ONLY_A_TASTE = re.compile(
    r"\b(?:is|are|'s|was|be|become|becomes|looks?|seems?|sounds?)\s+(?:(?:very|really|pretty|so|super|just|quite)\s+)*"
    r"(?:interesting|cool|amazing|awesome|fun|exciting|neat|fascinating|wild|crazy)$",
    re.I,
)


_GERUND_SUBJECT_VERB = re.compile(
    r"\b(?:is|isn't|are|aren't|can|can't|will|won't|doesn't|does|makes|takes|requires|helps|gets|pays|matters|means|wins|"
    r"beats|works|scales|costs|saves|hurts|breaks|leads)\b",
    re.I,
)


_NEGATED = frozenset({"doesn't", "don't", "isn't", "aren't", "can't", "won't", "cannot"})


def _generic_claim(main: str) -> bool:
    """A subject with no determiner names a kind of thing, so its present tense states how things are:
    "Local emulators drift from the real services", "Serverless doesn't remove operations work"."""
    tokens = [w.casefold() for w in main.split()]
    if tokens[0] in ENGLISH_STOP_WORDS_PLUS or looks_like_a_verb(tokens[0]):
        return False
    for k in range(1, min(4, len(tokens))):
        word, before = tokens[k], tokens[k - 1]
        if word in _NEGATED:
            return True
        if before.endswith("s") and looks_like_a_verb(word) and not word.endswith(("ed", "ing", "s")):
            return word not in {"like", "to"}
        if word in ENGLISH_STOP_WORDS_PLUS:
            return False
    return False


def _bids(main: str) -> bool:
    """The clause opens on a verb's base form: an imperative ("Set a timeout on every network call")."""
    first = main.split(" ", 1)[0].casefold()
    verb = looks_like_a_verb(first) or first in _MORE_VERBS
    return verb and not first.endswith(("ed", "ing", "s")) and not _NOT_ADVICE.match(main)


# Verbs an imperative often opens on that the grammar's list lacks.
_MORE_VERBS = frozenset(
    "set add pin cap check tag log watch split merge delete drop skip avoid prefer pick batch cache limit "  # noqa: SIM905
    "retry wait measure profile benchmark review plan hire".split()
)


# "…every single model that is out there": "out there" is what exists, no pointer.
_ENDS_ON_A_POINTER = re.compile(
    r"\b(?:this|that|these|those|it|them|(?<!\bout )there|here|so|too|one|stuff|way)$", re.I
)
_NO_SUBJECT = frozenset("of to by from than as about into versus vs like".split())  # noqa: SIM905


def _is_claim(main: str, *, reasoned: bool = False) -> bool:
    if fragment_reason(main + ".") is not None:
        return False
    advice = bool(_ADVICE_SUBJECT.match(main) or _IMPERATIVE.match(main) or (reasoned and _bids(main)))
    # "It's hard to get to 100 episodes", "There's no standardization yet": the "it" or "there" names
    # nothing, and the words after it state how things are.
    empty_subject = not advice and carries_its_claim(main)
    if empty_subject:
        return not _STORY.search(main) and not _ENDS_ON_A_POINTER.search(main)
    if not advice and (_POINTER_SUBJECT.match(main) or re.match(r"^(?:you|we)\b", main, re.I)):
        return False
    first = main.split(" ", 1)[0].casefold()
    if first in _NO_SUBJECT:
        return False  # "Of you never want to say anything's perfect": cut from a longer clause
    if not advice and (
        (_NOT_ADVICE.match(main) and not first.endswith("ing"))
        or (looks_like_a_verb(first) and first != "people")
    ):
        return False  # "Explain to me how Copilot works" is an ask; a claim's subject names a thing
    if first.endswith("ing") and not _GERUND_SUBJECT_VERB.search(main):
        return False  # "Culminating in you trying to…" is no subject and its verb
    if _STORY.search(main) or len(content_stems(main)) < 2:
        return False
    if _ENDS_ON_A_POINTER.search(main):
        return False  # ends on a pointer: the claim is elsewhere
    # A gerund subject with its verb names an activity in general: "Trying your best doesn't always work out".
    gerund = first.endswith("ing") and bool(_GERUND_SUBJECT_VERB.search(main))
    return advice or bool(_GENERAL.search(main)) or _generic_claim(main) or gerund


def _clauses(sentence: str) -> list[str]:
    """The sentence's clauses in order; a list of whole clauses joined by commas ("Doing podcasts is
    hard, getting to 100 is hard, most people fade") is split too, a condition never is."""
    found: list[str] = []
    for piece in _merged(_CLAUSE_BREAK.split(sentence.strip().rstrip(".!"))):
        parts = [p.strip() for p in piece.split(", ")]
        listed = any(_LIST_GOES_ON.match(p) for p in parts[1:])  # "Metrics like error rate, duration and …"
        whole = (
            len(parts) > 1 and not listed and not _CONDITION.match(piece) and all(_a_clause(p) for p in parts)
        )
        found.extend(parts if whole else [piece])
    return found


# "Focus on like the top problems": "like" as a filler between a word and its object.
_FILLER_LIKE = re.compile(
    r"\b(on|about|with|is|are|to|for|of|in|at)\s+like\s+(?=(?:the|a|an|this|these|those|your|our)\b)", re.I
)


# "The bottom line is I think they'll get better": a hedge between a verb and its clause.
_INNER_HEDGE = re.compile(r"\b(is|are|was|that)\s+(?:i think|i guess|i believe|i feel like)\s+(?=\w)", re.I)


# "I don't think you need to understand every model" says "you don't need to": the "not" belongs to the
# advice, so the hedge goes and the "not" stays with the verb it negates.
_NOT_THOUGHT = re.compile(
    r"^i (?:don't|do not) (?:think|believe) (?:that )?(you|we|people|developers|teams|companies) "
    r"(need to|have to|should|must)\b",
    re.I,
)
_NEGATED_NEED = {
    "need to": "don't need to",
    "have to": "don't have to",
    "should": "shouldn't",
    "must": "mustn't",
}


def _not_thought(text: str) -> str:
    def moved(found: re.Match[str]) -> str:
        return f"{found.group(1)} {_NEGATED_NEED[found.group(2).casefold()]}"

    return _NOT_THOUGHT.sub(moved, text)


def _plain(text: str) -> str:
    """The words without hedges, asides and filler: only what the grammar does not need goes."""
    text = _not_thought(_without_asides(text.strip(" ,.!")))
    text = _INNER_HEDGE.sub(r"\1 ", _FILLER_LIKE.sub(r"\1 ", text))
    return _CLOSER.sub("", _OPENER.sub("", text))


def plainly(sentence: str) -> str:
    """A sentence shown as a lesson's explanation, without its hedges and asides ("…, let's say, …")."""
    end = sentence.rstrip()[-1:] if sentence.rstrip()[-1:] in ".!?" else "."
    text = _plain(sentence).strip(" ,;:")
    return text[:1].upper() + text[1:] + end if len(text.split()) >= 4 else sentence


_LIST_GOES_ON = re.compile(r"^(?:[\w'’-]+\s+){0,3}(?:and|or)\s", re.I)


def _merged(pieces: list[str]) -> list[str]:
    """Pieces split at ", and" that are no clause of their own go back to the clause before: "online ads
    are such high volume, and such low yield" is one claim."""
    merged: list[str] = []
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if merged and re.match(r"(?:and|or)\b", piece, re.I) and not _a_clause(piece):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    return merged


def _after(sentence: str, clauses: list[str], k: int) -> str:
    """What the sentence says after its clause k (the clauses are found in order)."""
    at = 0
    for clause in clauses[: k + 1]:
        found = sentence.find(clause, at)
        if found < 0:
            return ""
        at = found + len(clause)
    return sentence[at:]


def _before(sentence: str, clauses: list[str], k: int) -> str:
    """What the sentence says before its clause k, unless a concession is part of it."""
    at = 0
    for clause in clauses[:k]:
        found = sentence.find(clause, at)
        if found < 0:
            return ""
        at = found + len(clause)
    before = sentence[:at]
    return "" if re.search(r"\b(?:but|however|although|though)\b", before, re.I) else before


def _a_clause(text: str) -> bool:
    stripped = _OPENER.sub("", text)
    return (
        len(stripped.split()) >= 3
        and fragment_reason(stripped + ".") is None
        and not _noun_and_relative(stripped)
    )


def _noun_and_relative(text: str) -> bool:
    """ "People who are trying to learn": a noun and its relative clause, no statement of its own."""
    return len(text.split()) < 10 and bool(
        re.match(r"^(?:[\w'’-]+\s+){1,3}(?:who|which|whose)\b", text, re.I)
    )


_LEANS = re.compile(r"^(?:which|who|whom|that|to|than|then|like|not|only|with|without|of|for|as)\b", re.I)


def _as_sentence(rest: str) -> str:
    """The other clauses as a sentence of their own, or "" when they lean on the title."""
    text = _plain(rest.strip(" ,;:")).strip(" ,;:")
    if (
        len(text.split()) < 4
        or only_conditions(text)
        or fragment_reason(text) is not None
        or _LEANS.match(text)
        or _noun_and_relative(text)
    ):
        return ""
    return text[:1].upper() + text[1:] + ("" if text[-1:] in ".!?" else ".")


_STRONG = re.compile(
    r"^the (?:key|problem|trick|secret|lesson|takeaway|reason|difference|danger|hard part)\b|\bthan\b"
    r"|\b(?:important|essential|crucial|critical|key|hard|difficult|better|best|worse|dangerous|useless|"
    r"underrated|undervalued|overhyped)\b",
    re.I,
)


_ENDS_HERE = re.compile(r"^\s*(?:$|[,;:.!?]|(?:-|--|—|–)\s|(?:because|so|and|but|since|if|when|or)\b)", re.I)


# "Learn this API to make a sphere", "without those things": a demonstrative points at the situation
# being told, so the words are about that one case, not a lesson that holds out of it.
_POINTS_AT_THE_CASE = re.compile(
    # "these days" is now, not the case being told.
    r"\b(?:this|these|those)\s+(?!(?:kinds?|sorts?|types?)\s+of\b|days\b)[\w'’-]+",
    re.I,
)
# A hedge inside a title: "your workflow can be sort of super-charged".
_TITLE_HEDGE = re.compile(r"\b(be|is|are|was|can|will|get|gets)\s+(?:sort of|kind of)\s+(?=\w)", re.I)


_WHAT_WAS_DONE = re.compile(r"\bwhat (?:you|they|we|it) (?:did|said|had)\b", re.I)


def advice_checked(title: str, sentence: str, *, from_lead: bool) -> str:
    """A title cut from advice ("you should | …"), kept only when it reads as advice on its own: an
    imperative the speaker addressed to the listener, no question, no story, no pointer at its end."""
    text = title.strip(" ,.!")
    if not text or _NOT_ADVICE.match(text) or _QUOTES.search(text) or _TO_THE_AUDIENCE.search(text):
        return ""
    if re.match(r"(?:of|to|by|from|than|as|about|into|like)\b", text, re.I):  # "Of you never want to say…"
        return ""
    if not from_lead and not _IMPERATIVE.match(text):
        return ""  # an imperative at the start of a sentence is as often a demo's step as advice
    told = _WHAT_WAS_DONE.sub("", text)  # "describe what you did" advises; it tells no story
    if fragment_reason(text + ".") is not None or len(content_stems(text)) < 2 or _STORY.search(told):
        return ""
    end = sentence.casefold().find(text.casefold())
    if end >= 0 and not _ENDS_HERE.match(sentence[end + len(text) :]):
        return ""  # cut inside its clause ("…prepare for and expect | for that"): not what was advised
    if re.search(
        r"\b(?:this|that|these|those|it|them|there|here|so|too|one|stuff|way|for|to|of)$", text, re.I
    ):
        return ""
    if _POINTS_AT_THE_CASE.search(text):
        return ""
    return text


def claim_strength(title: str) -> float:
    """How surely a claim title is a lesson (advice is weighed apart, up to about 1.5)."""
    if _ADVICE_SUBJECT.match(title) or _IMPERATIVE.match(title):
        return 0.7
    return 0.6 if _STRONG.search(title) else 0.4


def lessons_for(duration_seconds: float) -> int:
    """How many lessons the top part may hold: one per six minutes of talk (10 an hour), never fewer than 5
    nor more than 25 (the format's 10-25 scaled down for short episodes). Fewer when the talk makes fewer:
    lessons are never padded."""
    return max(5, min(25, round(duration_seconds / 360)))


# What turns the talk elsewhere rather than going on with the point just made.
_TURNS_AWAY = re.compile(
    r"^(?:anyway|anyways|by the way|speaking of|another|also|other than that|moving on|okay|ok|so|but|yeah|"
    r"well|right|i mean|you know)\b",
    re.I,
)


def looks_back(shown: str) -> bool:
    """A sentence that tells what was ("Those were like the big focuses."): the lesson next to it is part
    of a story, not a claim."""
    return bool(
        _POINTER_SUBJECT.match(shown) and re.match(r"^\S+\s+(?:\w+\s+)?(?:was|were|had|did)\b", shown, re.I)
    )


def whole_as_shown(sentence: TranscriptSentence, shown: str) -> bool:
    """The sentence passes the gate as it is shown: one that trailed off ("…that will force you to…") is
    shown only up to its last whole clause, and that part may make a lesson. A short one too ("Things are
    constantly changing."): a lesson's title carries its own claim, so only the gate's length rule is
    relaxed (it is padded to the minimum, as `explains_straight_after` does)."""
    if shown.rstrip()[-1:] not in ".!":
        return False
    said = replace(sentence, raw=shown)
    return is_candidate(said, shown) or is_candidate(said, f"{shown.rstrip('.!')} and so on here.")


# A turn that ends on "..." but whose words are a whole clause: the transcript's mark of a speaker handing
# over ("It's all mitigation, and defense in-depth, and all that kind of jazz..."), not a sentence cut off.
_TURN_END = re.compile(r"\s*(?:\.\.\.|…)$")
_CUT_OFF_ON = re.compile(
    r"\b(?:and|or|but|so|because|the|a|an|of|to|in|on|for|with|your|our|their|its|is|are|was|were|that|which|"
    r"who|like|if|when|than|as|at|by|from|into|this|these|those|i|we|you|they|it|he|she|just|really|very)$",
    re.I,
)


def finished_turn(shown: str) -> str:
    """The sentence as it reads when its trailing "..." only ends the speaker's turn: "…all that kind of
    jazz..." → "…all that kind of jazz."; any other sentence as it is. One that stops on a small word
    ("Usually, they're mischievous, or...") or is no whole clause without the dots stays as it was."""
    if not _TURN_END.search(shown):
        return shown
    words = _TURN_END.sub("", shown).rstrip(" ,;:")
    if _CUT_OFF_ON.search(words) or fragment_reason(words + ".") is not None:
        return shown
    return words + "."


# "…, but not just anyone's podcast" narrows the advice; it does not take it back.
_CONCEDED = re.compile(
    r"^[\s,;]*(?:but(?!\s+(?:not just|not only|also|only)\b)|however|though|although|yet|except)\b", re.I
)


def conceded_after(sentence: str, title: str) -> bool:
    """The whole sentence goes on past the title's words with a "but": what the title says is conceded
    ("…it's fine to speculate a bit, | but for the most part, people are trying to get work done"), though
    the sentence as shown was cut before it."""
    last = re.findall(r"[\w'’-]+", title)[-3:]
    if not last:
        return False
    found = list(re.finditer(r"\b" + r"\W+".join(re.escape(w) for w in last) + r"\b", sentence, re.I))
    return bool(found) and bool(_CONCEDED.match(sentence[found[-1].end() :]))


_SUBORDINATE_OPENING = re.compile(
    r"^(?:no matter (?:how|what|who|when|where|which)|if|when|whenever|unless|although|though|while|because|"
    r"since|once|even if|even though|as long as)\b",
    re.I,
)


def only_conditions(text: str) -> bool:
    """Every clause of the text is a condition or a concession, and no main clause follows: "No matter how
    good the content is, if your audio quality isn't good." (the caption cut it before "it'll turn them away")."""
    pieces = [p for p in re.split(r"[,;]\s+", text.strip(" .!")) if p]
    return bool(pieces) and all(_SUBORDINATE_OPENING.match(p) for p in pieces)


_CONCEDES_AT_ITS_END = re.compile(r"\bthough\b(?:,?\s+(?:i think|i guess|right))?\W*$", re.I)


def explains_straight_after(sentence: TranscriptSentence, shown: str) -> bool:
    """A sentence said next to a claim that may explain it: a whole statement that goes on with the point
    (short ones too: "There's no standardization yet."), not a turn to something else."""
    if _TURNS_AWAY.match(shown) or _TO_THE_AUDIENCE.search(shown) or _QUOTES.search(shown):
        return False
    if _CONCEDES_AT_ITS_END.search(shown):
        return False  # "There is more organized information now though…" answers the claim back
    if _noun_and_relative(shown):
        return False
    # What is shown is judged, not what was said: a sentence that trailed off ("…that will force you to…")
    # is shown only up to its last whole clause. Padded to the gate's minimum length, so only its length
    # rule is relaxed.
    said = replace(sentence, raw=shown) if shown.rstrip()[-1:] in ".!" else sentence
    return is_candidate(said, shown) or is_candidate(said, f"{shown.rstrip('.!')} and so on here.")
