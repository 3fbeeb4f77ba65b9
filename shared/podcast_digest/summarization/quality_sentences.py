"""Sentences no listener should see as an idea, counted for the quality bench.

Scores what a reader takes as the episode's statements: the Key Ideas, the In-Depth ideas and each
sentence of the tl;dr and the conclusion. Written apart from the summarizer's sentence gate
(extractive/gate.py, grammar.py), so the gate is scored by it rather than repeating it. A shown
sentence is counted (once, under the first reason that fits) when it is:

- a request: the host asking the guest for something ("Explain to me how GitHub Copilot works.");
- a bio: a speaker introducing themselves or the guest, their role or career ("As CTO, I oversee…",
  "I interviewed Adrian back…", "Currently, I've gone in React…", "As the CTO…, I read that you're…");
- cut off: it ends on a word no sentence ends on ("…go into the.", "…your script as.", "…from your."),
  on an adjective with no noun after a determiner ("…some pretty realistic."), on the subject of the
  next sentence ("…a really cool framework we have."), or on a condition whose consequence never comes
  ("…no matter how good the content is, if your audio quality isn't good."), or stops at a clause's
  subject ("…80% of the apps that they.");
- no main clause: a subordinate clause or a phrase alone ("If you combine that with …, like GANs.",
  "Moving forward for your podcast to help you reach your goals, that much faster.", "As opposed to
  the Azure nightclub or pool in Vegas.", "Neural
  Processing Unit, which is a generic industry term.");
- no subject: it opens on its verb ("Probably didn't even use any TypeScript…"), or runs an order into
  a statement ("Reach the gap between JavaScript and Python you can send your data…");
- filler: "yeah", "um" or "uh" inside the sentence ("If you want yeah but what's surprising…");
- run-on: two turns or caption lines run into one: a question inside a statement ("…fire up python and
  start working with it again how does that work it's mostly…"), a pronoun and a determiner ("if it the server");
- pointing back: it takes up what was said before it ("If you take that condition and…", "The first
  thing that comes to me is…" (an answer), "Ever since that point, …", "There's probably people listening who are like, well, …").
"""

import re

from podcast_digest.models import Summary
from podcast_digest.summarization.extractive.grammar import has_finite_verb
from podcast_digest.summarization.extractive.vocabulary import words
from podcast_digest.summarization.quality_captions import ends_on_a_while
from podcast_digest.summarization.quality_overview import sentences as split_sentences

SCORED_PARTS = ("tldr", "key_ideas", "conclusion", "in_depth_ideas")

_REQUEST = re.compile(
    r"^(?:(?:so|now|okay|and|but)[, ]+)?(?:please\s+)?(?:explain|describe|tell|walk|talk|remind|give)\s+"
    r"(?:(?:to|for)\s+)?(?:me|us|our listeners|the listeners|everyone)\b"
    r"|^(?:explain|describe|define)\s+(?:how|what|why|where|when|who|the|a|an|your)\b",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^as\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:(?-i:[A-Z]{2,5})|ceo|cto|cfo|coo|cio|vp|head|founder|co-?founder|"
    r"director|lead|leader|manager|president|chair)\b[^,]{0,60},\s*(?:i|i'm|i've|i'd|my|we|we're)\b"
    r"|^as\s+(?:someone|somebody|a person)\s+who\b"
    r"|\bi\s+(?:interviewed|founded|co-?founded|graduated|oversee|majored|studied)\b"
    r"|^currently,?\s+(?:i|i'm|i've|we|we're|we've)\b"
    r"|\bi\s+(?:read|heard|saw|understand)\s+(?:that\s+)?you(?:'re| are| were| have|'ve)\b"
    r"|\byou(?:'re| are)\s+(?:in charge|the (?:head|lead|founder|creator|author))\b"
    r"|\b(?:my|your)\s+(?:background|bio|career|resume|résumé)\b",
    re.IGNORECASE,
)
# Words no English sentence ends on: determiners, possessives, prepositions, conjunctions.
# Words no English sentence ends on: determiners, possessives, conjunctions, and prepositions that never
# end one stranded ("as", "of", "into"; not "in", "with", "to": "plug in", "works with", "want to").
_NO_LAST_WORD = frozenset(
    """the a an your my our their his its every each no as of into onto than and or but because if when
    while whereas although though unless whether between via per""".split()  # noqa: SIM905
)
# An intensifier and its adjective, the noun never said: "…by generating some pretty realistic."
_ADJECTIVE_END = re.compile(
    r"\b(?:some|a|an|your|my|our|their|these|those)\s+(?:pretty|really|very|quite|super|fairly)\s+[\w-]+[.!]?$",
    re.IGNORECASE,
)
_STOPS_AT_SUBJECT = re.compile(r"\b(?:that|which|who|if|when|because|since)\s+(?:they|we|i|he|she)\W*$", re.I)
_NEXT_SUBJECT_END = re.compile(
    r"\b(?:a|an)\s+(?:\w+\s+){1,4}(?:we|i|you|they)\s+(?:have|had|got|need|want)[.!]?$", re.IGNORECASE
)
_CONSEQUENCE_MISSING = re.compile(
    r"(?:\bno matter\b|\bbecause\b|\beven though\b|\bwhether\b)[^.!?]*,\s*(?:if|when|unless|once)\s[^,;]*[.!]?$",
    re.IGNORECASE,
)
_CONTRAST_OPENING = re.compile(
    r"^(?:as opposed to|compared to|compared with|unlike|instead of|rather than)\b", re.I
)
_OPENING_SUBORDINATE = re.compile(r"^(?:if|when|whenever|once|unless|although|though|while|whereas)\b", re.I)
# What follows the comma of "If …, X" when X is an example or an aside, not the main clause.
_NOT_A_CLAUSE = re.compile(
    r"(?:like|such as|including|especially|particularly|mainly|say|e\.g\.|for example|for instance|"
    r"that much|so much|even more|and|or|but)\b",
    re.IGNORECASE,
)
_UNPUNCTUATED_MAIN = re.compile(
    r"\s(?:then|(?:you|we|i|they|it|that|there)(?:'ll|'re|'s)?\s+(?:can|could|will|would|should|need|have|get|"
    r"are|is|just|might|may|must|don't|won't|can't))\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r",\s+(?:which|who|whose|where)\b", re.IGNORECASE)
_GERUND_OPENING = re.compile(
    r"^(?!(?:thing|nothing|something|anything|everything|spring|king|ring)\b)[a-z]+ing\b", re.I
)
_MAIN_VERB = re.compile(
    r"(?<!\bthat )(?<!\bwhich )(?<!\bwho )(?<!\bhow )(?<!\bwhat )(?<!\bwhere )(?<!\bwhen )(?<!\bto )"
    r"\b(?:is|are|was|were|isn't|aren't|wasn't|weren't|has|have|had|can|could|will|would|should|may|might|"
    r"must|does|doesn't|did|didn't|makes|made|gives|gave|takes|took|means|meant|helps|helped|lets|becomes|"
    r"became|turns|turned|requires|required|comes|came|goes|went|seems|seemed|(?:it|they|we|you|i|there)"
    r"(?:'s|'re|'ve|'ll|'d|'m))\b",
    re.IGNORECASE,
)
_NO_SUBJECT = re.compile(
    r"^(?:(?:probably|maybe|just|really|also|actually|definitely|certainly|still|never|always|even|kind of|"
    r"sort of)\s+)+(?:didn't|did|don't|doesn't|wasn't|weren't|isn't|aren't|was|were|is|are|has|have|had|"
    r"hasn't|haven't|can't|couldn't|wouldn't|won't|could|would|will|should|got|gets|went|goes|made|makes)\b",
    re.IGNORECASE,
)
# An order with its own statement run in, no comma or conjunction between: "Reach the gap … you can send…".
_ORDER_RUN_ON = re.compile(
    r"^(?:reach|bridge|use|try|take|make|get|put|build|add|imagine|picture|look|think|consider|go|start|"
    r"keep|let)\s+(?!(?:me|us|you)\b)(?:[\w'-]+\s+){1,8}?(?-i:[A-Za-z][\w'-]*)\s+(?:you|we|i|they)\s+"
    r"(?:can|could|will|would|should|need|have)\b",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"(?<=\w)[,]?\s+(?:yeah|yep|um+|uh+|erm|mhm)\b|(?<=[a-z])\s+yes\s+(?=[a-z])", re.IGNORECASE
)
# Two turns or caption lines run into one: a question inside a statement ("…start working with it again how
# does that work it's mostly…", "…do you have a grid yes…"), a pronoun and a determiner ("if it the actual server").
_RUN_ON = re.compile(
    r"(?<=\w )(?:how|why|what) (?:does|do|is|did) (?:that|it|this|you|we|they) (?!\w+ing\b)"
    r"|(?<=\w )(?:do|did) you (?:have|want|need|use|think)\b|\bor is it\b|\b(?:if|when|that|because) it (?:the|a|an)\b|\b(?:a|an|the) (?:the|a|an)\b",
    re.IGNORECASE,
)
_POINTS_BACK = re.compile(
    r"\b(?:take|took|combine|combined|put|apply|applied|do|did|add|added)\s+(?:that|this|those|these)\b"
    r"(?:\s+\w+)?\s+(?:and|with|to|in|into)\b"
    r"|^the (?:first|only|main|one) thing that comes to (?:me|mind)\b|^(?:ever )?since (?:that|this|then)\b"
    r"|^(?:what|one thing that) comes to mind\b"
    r"|\b(?:who|which|that)\s+(?:are|is|were|was|'re)\s+like,"
    r"|\b(?:people|folks|someone|somebody) (?:listening|out there) who\b"
    r"|^(?:half|some|all|most|much|none|part|many|each|any|a lot|a bit) of (?:that|this|those|these|them|it)\b",
    re.IGNORECASE,
)


def _last_word(text: str) -> str:
    tokens = re.findall(r"[A-Za-z][\w'’]*", text)
    return tokens[-1].casefold() if tokens else ""


def _cut_off(text: str) -> bool:
    return (
        (_last_word(text) in _NO_LAST_WORD and not ends_on_a_while(text))
        or bool(_STOPS_AT_SUBJECT.search(text))
        or bool(_ADJECTIVE_END.search(text))
        or bool(_NEXT_SUBJECT_END.search(text))
        or bool(_CONSEQUENCE_MISSING.search(text))
    )


def _no_main_clause(text: str) -> bool:
    body = text.rstrip(".!")
    if _CONTRAST_OPENING.match(body) and "," not in body:
        return True
    if _OPENING_SUBORDINATE.match(body):
        clauses = re.split(r",\s+", body)
        if len(clauses) == 1:  # unpunctuated talk: "If you use it you get…", "If X then Y"
            return not _UNPUNCTUATED_MAIN.search(body)
        return all(_NOT_A_CLAUSE.match(c) or len(c.split()) < 2 for c in clauses[1:])
    if _GERUND_OPENING.match(body):
        return not _MAIN_VERB.search(body)
    relative = _RELATIVE.search(body)  # "Neural Processing Unit, which is a generic industry term."
    if relative is None:
        return False
    resumes = body.find(",", relative.end())  # "Mark, who is the CTO, says…" has its main clause
    outside = body[: relative.start()] + (" " + body[resumes + 1 :] if resumes >= 0 else "")
    return not has_finite_verb(words(outside))


def reason(text: str) -> str | None:
    """Why a shown sentence is no idea a listener should see, or None when it may be one."""
    text = text.strip().lstrip("\"“'‘-–— ")
    checks = (
        ("request", lambda t: bool(_REQUEST.search(t))),
        ("bio", lambda t: bool(_BIO.search(t))),
        ("cut off", _cut_off),
        ("no main clause", _no_main_clause),
        ("no subject", lambda t: bool(_NO_SUBJECT.match(t) or _ORDER_RUN_ON.match(t))),
        ("filler", lambda t: bool(_FILLER.search(t))),
        ("run-on", lambda t: bool(_RUN_ON.search(t))),
        ("points back", lambda t: bool(_POINTS_BACK.search(t))),
    )
    for name, check in checks:
        if check(text):
            return name
    return None


def shown_sentences(summary: Summary) -> dict[str, list[str]]:
    return {
        "tldr": split_sentences(summary.tldr),
        "key_ideas": [idea for group in summary.key_ideas for idea in group.ideas],
        "conclusion": split_sentences(summary.conclusion),
        "in_depth_ideas": [idea for part in summary.in_depth for idea in part.key_ideas],
    }


def no_ideas(summary: Summary) -> dict[str, list[tuple[str, str]]]:
    """Per scored part, the shown sentences that are no idea, each with its reason."""
    found: dict[str, list[tuple[str, str]]] = {}
    for part, texts in shown_sentences(summary).items():
        found[part] = [(text, why) for text in texts if (why := reason(text)) is not None]
    return found
