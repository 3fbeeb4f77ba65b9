"""Does a sentence of the talk read, on its own, as a statement of what the talk said?

What the overview parts (extractive/overview_tldr.py and overview_conclusion.py) may show: a clause of
its own from its first words ("New stuff in agriculture, as AI gets democratized" has none), no
question, nothing that points back ("That's why…", "one of these networks"), nothing about the speaker
("All of us that are doing this - we have day jobs", "I know for ours, …", "what I would pick"), no
anecdote ("When we were starting AI, …"), nothing said to the audience ("give us some ideas"), no talk
that has not settled into a sentence ("you know", ", like,", "let's say", a trailing "and."). English
rules: the overview applies them to English talk only.
"""

import re
from itertools import pairwise

from podcast_digest.summarization.extractive.grammar import (
    fragment_reason,
    has_finite_verb,
    looks_like_a_verb,
)
from podcast_digest.summarization.extractive.quotable import is_plug
from podcast_digest.summarization.extractive.vocabulary import words

_POINTS_BACK = re.compile(
    r"^(?:that|that's|this|these|those|it|it's|its|they|they're|them|their|he|she|his|her|there|so|also|then|"
    r"which|such|here|both|another|the other|the same|same|again|yes|no|right|exactly|well|and|but|or|"
    r"for (?:instance|example)|instead|otherwise|in that case|because of that|ever since|however|still|"
    r"in other|on the other hand|of (?:that|this|those|these)|most likely|even so|similarly|likewise|besides|"
    r"plus|anyway|often, (?:those|these|that|this)|(?:half|some|all|most|much|part|a lot) of (?:that|this|those|these|them|it)|one of the (?:\w+ )?things|thankfully|at the same time)\b"
    r"|^(?:just|like|so|well|now|okay|yeah|yes|no|right),",
    re.I,
)
_ABOUT_THE_SPEAKER = re.compile(
    r"^(?:i|i'm|i've|i'd|i'll|my|me|all of us|for me|to me|for us|speaking for|personally|"
    r"you've seen|you see|you know|you've got|you get to|"
    r"(?:i|you|we|they) (?:may|might|could|probably|think|thought|guess|suppose|feel|mean|know|wish|hope)|"
    r"maybe|perhaps)\b",
    re.I,
)
_ANECDOTE = re.compile(
    r"^(?:when (?:i|we) (?:was|were|started|first|got|had|came)|back (?:when|then|in)|i remember|"
    r"the other day|years ago|last (?:week|year|month)|one time|a comment was made)\b"
    r"|^(?:we|i) (?:had|hadn't|did|didn't|was|were|wasn't|weren't|used to|started|met|got)\b"
    r"|\b(?:i|we) (?:remember|recall)\b|\byesterday\b|\blast night\b"
    r"|\b(?:i|we|he|she) (?:was|were) (?:talking|having|doing|working|saying|thinking|describing)\b",
    re.I,
)
_TO_THE_AUDIENCE = re.compile(
    r"\b(?:give us|tell us|let us know|let me know|reach out|check (?:it |them )?out|subscribe|join us|"
    r"thanks?(?: you)?|(?:on|in) (?:this|today's) episode|"
    r"we'll (?:talk|be talking) about|welcome (?:to|back))\b",
    re.I,
)
# Talk that has not settled into a sentence: "you know", ", like,", "I think" midway, a clause broken
# off by a dash, a capital midway where captions were joined ("…more time If you do…"), a trailing
# "that's it" or "whatever else".
_UNSETTLED = re.compile(
    r"^\w+ (?:can|could|will|would|should|might|must|do|did),\s|\byou know\b|,\s*like,|\s[-–—]\s|\bi (?:think|guess|mean|feel)\b|(?-i:[a-z,] (?:If|When|Then|Or|Because)\b)"
    r"|(?:that's it|and so on|or whatever|and stuff|whatever else[^.]*|things like that)\W*$"
    r"|\b(?:yeah|right yes|yes exactly)\b|\bthis in mind\b|\b(?:like|about|with|of) (?:this|that)\W*$"
    # ends where the speaker had not finished: "…and.", "…allowed you to.", "…would basically be."
    r"|\b(?:and|or|but|to|be|the|a|an|of|for|with|that|which|would|is|are|was|we|you|i|it|basically)\W*$"
    r"|\bsome (?:pretty |very |really )?\w+\W*$|\b(?:in that way|that way|like that)\W*$"
    r"|\ball that (?:kind of )?stuff\W*$|\bkind of stuff\W*$|\band all that\W*$"
    # half of a pair: "not only…" without its "but"
    r"|\bnot only\b(?!.*\bbut\b)|\blet's say\b"
    # a list the speaker waved at: "@Azure, @sentry, @whoever"; a condition left hanging at the end:
    # "… because no matter how good the content is, if your audio quality isn't good."
    r"|\b(?:whoever|whatever|whichever)\b|\bno matter (?:how|what)\b.*,\s*if\b[^,]*$"
    # a demo seen, not said: "If we look over here at H2O Wave, …", "as you can see on the screen"
    r"|\b(?:over here|on (?:the|my|your) screen|you can see (?:here|it))\b"
    # a referent said before: "one of these networks", "a small amount of it", "Subtle enough that…"
    r"|\b(?:these|those)\b|\b(?:of|with|about|on|for) it\b|^\w+ enough\b"
    # a noun and its relative clause, no verb of its own: "The quick note that we are interested in…"
    r"|^(?:the|a|an) (?:\w+ ){0,2}(?:note|thing|point|idea|fact|question) that\b",
    re.I,
)
# A demonstrative before a word that only stands for something said before: "If you take that condition
# and you put it in the context of AI, …", "that same idea", "this kind of". "At this point" is now.
_NAMES_WHAT_CAME_BEFORE = re.compile(
    r"\b(?<!at )(?:that|this|such)\s+(?:same\s+|very\s+|whole\s+)?(?:a\s+)?"
    r"(?:condition|point|case|idea|thing|problem|issue|example|approach|question|notion|concept|situation|"
    r"scenario|stuff|reason|fact|aspect|kind|sort|type|part|piece|stage|step)s?\b"
    # what was seen or done, named by "that" alone: "We saw that trend and Open AI saw that trend, …"
    r"|\b(?:saw|see|seen|seeing|take|took|taking|heard|hear|noticed|notice|made|make|making|did|follow|followed)"
    r" (?:that|this) (?!(?:is|was|are|were|we|you|they|i|he|she|it|the|a|an|there|people|our|your|their|his|"
    r"her|some|most|many|all|every|no|not|if|when|how|what|who|which|happen\w*)\b)(?-i:[a-z]+)\b"
    # what is talked to, said before: "You tell it what context to consider …"
    r"|^\w+ (?:tell|ask|give|show|let|feed|prompt)s? (?:it|them)\b",
    re.I,
)
# Who is on the show rather than what it says ("The only thing is the guest has to promote the episode."):
# in a summary it reads as narration. And the speakers' own to-do ("We've gotta work on this … bios.").
_ABOUT_THE_SHOW = re.compile(
    r"\bthe (?:speakers?|hosts?|guests?|interviewer|interviewee)\b(?!\s+(?:list|post|spot|house|room)\b)"
    r"|^(?:we|i)(?:'ve| have)? (?:gotta|got to)\b"
    # an exclamation to the room, and where the recording is: "Man, lots just announced … here at Build."
    r"|^(?:man|wow|oh|hey|boy|gosh|dude|look|listen|whoa|folks),|\bhere (?:at|in|with|on) (?:the )?[A-Z]"
    # the show introducing itself: "The Changelog is a podcast that focuses on the world of software…"
    r"|\bis an? (?:\w+ )?(?:podcast|show)\b",
    re.I,
)
# A compliment, not a statement of the subject: "Wave sounds like a really cool framework we have.", "Just
# use all the Microsoft stuff, it's amazing."
_COMPLIMENT = re.compile(
    r"\b(?:it's|it is|that's|that is|this is|sounds?|looks?|seems?)(?: like)? (?:a |an )?(?:so |really |pretty |just |"
    r"super |very )?(?:amazing|awesome|great|cool|fantastic|incredible|wonderful|neat|fun|brilliant|nice)\b",
    re.I,
)
# A sentence cut before its last word ("…you just include your script as.", "…a lot more than."): a run-on
# the engine split mid-clause.
_DANGLING_END = re.compile(
    r"\b(?:as|than|if|because|unless|whether|your|my|our|their|its|his|from|into|onto|by|at|so|such|"
    r"very|really|just|also|then|when|where|while|whose|these|those|this)\W*$",
    re.I,
)
# An add-on to what was said just before: "You can also direct them to …", "We'll also …".
_ADD_ON = re.compile(r"^\w+(?:'\w+)? (?:can |could |will |would |might |should )?also\b", re.I)
# The speaker's own view or doings, anywhere in the sentence ("UI, definitely what I would pick"): the
# overview states what the talk found, as the sample does, not who thinks it.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my)\b")
_SUBORDINATORS = frozenset(
    "if when whenever once unless although though while because since whether as".split()  # noqa: SIM905
)
_NO_MAIN_CLAUSE = re.compile(r"(?:like|such as|and|or|which|as|plus|including|especially)\b", re.I)
# What may open a sentence before its clause: "For all the models in the service, detections are on".
_INTRODUCERS = frozenset(
    """for in with when if after before because since although though while as at on by to from during once
    unless until whether without within across over under into through about like whenever where now today
    recently lately""".split()  # noqa: SIM905 - a word list reads best as words
)


def opens_on_a_clause(text: str) -> bool:
    """The sentence's first clause has a verb, or it opens on a short lead-in ("Recently,", "For all
    the models in the service,") followed by one: "New stuff in agriculture, as AI gets …" does not."""
    clauses = re.split(r"[,;:]\s|\s[-–—]\s", text)
    first = words(clauses[0])
    if not first:
        return False
    if first[0] in _SUBORDINATORS:
        # "If you combine that with other aspects, like GANs." is a condition waiting for its clause.
        then = clauses[1].strip() if len(clauses) > 1 else ""
        return bool(then) and not _NO_MAIN_CLAUSE.match(then) and has_finite_verb(words(then))
    if has_finite_verb(first):
        return True
    lead_in = first[0] in _INTRODUCERS or len(first) <= 3
    then = clauses[1].strip() if len(clauses) > 1 else ""
    if not lead_in or not then or _POINTS_BACK.match(then) or _ABOUT_THE_SPEAKER.match(then):
        return False  # "Most likely, it's just a library": the clause leans on what came before
    return has_finite_verb(words(then))


_LEADS_IN = _INTRODUCERS | {"based", "given", "according", "depending"}


def leans_back_after_its_lead_in(text: str) -> bool:
    """A lead-in, then a clause on a pointer: "Based on the code that you've changed, it'll give you a
    suggestion…" (what is "it"?)."""
    clauses = re.split(r",\s", text, maxsplit=1)
    first = words(clauses[0])
    if len(clauses) < 2 or not first or first[0] not in _LEADS_IN or _EMPTY_IT.match(clauses[1]):
        return False  # "…, it's almost guaranteed that…": an "it" that points at what follows
    return bool(_POINTS_BACK.match(clauses[1]))


_EMPTY_IT = re.compile(r"^it(?:'s| is| was| will be)\s+(?:\w+\s+){0,2}?(?:that|to)\b", re.I)


def states_a_fact(text: str) -> bool:
    """An English sentence that reads, on its own, as a statement of what the talk said."""
    text = text.strip()
    return not (
        not text
        or text.endswith("?")
        or fragment_reason(text) is not None
        or _POINTS_BACK.match(text)
        or _ABOUT_THE_SPEAKER.match(text)
        or _ANECDOTE.search(text)
        or _TO_THE_AUDIENCE.search(text)
        or _UNSETTLED.search(text)
        or _NAMES_WHAT_CAME_BEFORE.search(text)
        or _ABOUT_THE_SHOW.search(text)
        or _COMPLIMENT.search(text)
        or _DANGLING_END.search(text)
        or _ADD_ON.match(text)
        or leans_back_after_its_lead_in(text)
        or is_plug(text)  # a plug or a pitch ("… is the place where you can really build …")
        or _FIRST_PERSON.search(text)
        or any(q in text for q in '"“”')
        or not opens_on_a_clause(text)
    )


# --- unpunctuated talk: does a sentence whose ends were recovered read whole? ----------------------

# What a sentence of unpunctuated talk may open on as its subject: a pronoun, an article or a possessive;
# a capitalised word that is no function word ("Starlight is…") too. "In that's a lot of…" opens on none.
_SUBJECT_OPENERS = frozenset(
    """i we you they he she it there this that the a an our your their my its every each some many most all
    people everyone everything nobody nothing""".split()  # noqa: SIM905 - a word list reads best as words
)
_PRONOUN_SUBJECTS = frozenset(
    "i we you they he she i'm we're you're they're he's she's i've we've you've they've".split()  # noqa: SIM905
)
# What may stand before a second subject without a run-on: a conjunction, a relative, a verb of saying.
_LINKS = frozenset(
    """and but or so because cause if when whenever once unless although though while whereas since as than
    then that which who whom whose where what why how whether until till before after like think thought know
    knew say said says mean guess hope believe feel felt wish suppose sure""".split()  # noqa: SIM905
)
_FINITE_AFTER_PRONOUN = frozenset(
    """am is are was were do does did don't didn't doesn't can can't could couldn't will won't would wouldn't
    should shouldn't may might must have has had 'll 're 've 'd""".split()  # noqa: SIM905
)
# "sure" or "right" said as a tag ("…Python developers sure if you're…", "…scalable code right."), not
# "make sure", "the right side".
_TAG_BEFORE = frozenset("make makes made be for not i'm am is are pretty so very quite the all".split())  # noqa: SIM905
_TAG_WORDS = frozenset({"sure", "right"})
# What was said before, as the object: "We help with that a little bit as well." (unpunctuated talk has no
# comma to show where "that" ends a clause, so only "that"/"this" before no noun of its own).
_POINTER_OBJECT = re.compile(
    r"\b(?:with|about|of|on|for|from|to) (?:that|this)\b"
    r"(?= (?:a|an|the|as|too|also|very|really|quite|little|lot|bit|right now)\b|\W*$)",
    re.I,
)
# "You don't need to think about how.": the cut came before what the word asks for.
_OPEN_ENDS = frozenset({"how", "what", "why", "who", "which", "whose"})
_TAG_NEXT = frozenset({"yes", "yeah", "it", "it's", "this", "that's", "there's"})
# The host's closing questions on Talk Python ("Final call action people want to get started with wave.").
_CLOSING_QUESTION = re.compile(r"\bfinal (?:call|two questions|question)\b", re.I)


def reads_whole(text: str) -> bool:
    """A sentence cut from unpunctuated talk that reads as one whole statement: it opens on a subject with a
    finite verb soon after it, runs no second clause on without a link ("…regression testing we use it
    for…"), says no word twice in a row ("You can you can edit it…"), and has no "sure"/"right" tag in it.
    Only for English talk whose both ends were recovered (the caller checks the boundary)."""
    tokens = words(text)
    if (
        len(tokens) < 4
        or tokens[-1] in _OPEN_ENDS
        or _CLOSING_QUESTION.search(text)
        or _POINTER_OBJECT.search(text)
    ):
        return False
    first = tokens[0]
    named = text.lstrip()[:1].isupper() and first not in _INTRODUCERS and first not in _SUBORDINATORS
    if not (first in _SUBJECT_OPENERS or named) or not has_finite_verb(tokens[:6]):
        return False
    return not (_runs_on(tokens) or _says_twice(tokens) or _has_a_tag(tokens))


def _runs_on(tokens: list[str]) -> bool:
    """A second subject and its verb after a word that links nothing: "…testing we use it…"."""
    for k in range(2, len(tokens) - 1):
        subject, verb = tokens[k], tokens[k + 1]
        with_verb = subject in _PRONOUN_SUBJECTS and (
            "'" in subject or verb in _FINITE_AFTER_PRONOUN or looks_like_a_verb(verb)
        )
        if with_verb and tokens[k - 1] not in _LINKS:
            return True
    return False


def _says_twice(tokens: list[str]) -> bool:
    """The same word, or pair of words, twice in a row: talk that restarts ("you can you can")."""
    doubled = any(a == b for a, b in pairwise(tokens))
    pairs = list(pairwise(tokens))
    return doubled or any(pairs[k] == pairs[k + 2] for k in range(len(pairs) - 2))


def _has_a_tag(tokens: list[str]) -> bool:
    """ "sure"/"right" with a clause or the end after it ("…developers sure if you're…", "…code right."),
    never "make sure", "the right side", "right now"."""
    for k, token in enumerate(tokens):
        if token not in _TAG_WORDS or k == 0 or tokens[k - 1] in _TAG_BEFORE:
            continue
        following = tokens[k + 1] if k + 1 < len(tokens) else ""
        if not following or following in _LINKS or following in _PRONOUN_SUBJECTS or following in _TAG_NEXT:
            return True
    return False
