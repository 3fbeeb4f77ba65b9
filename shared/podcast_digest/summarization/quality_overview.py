"""How the overview parts read (Quick Takes, tl;dr, conclusion), counted for the quality bench.

Written apart from the summarizer's rules (extractive/overview*.py, clickbait.py), so the
old code is scored by them too:

- junk promises: a Quick Takes promise that is the show's own name, holds a person's
  name ("Adam turn"), ends on a dangling possessive ("Practical AI's"), or copies the
  title whole;
- gist sentences that are no statement of the talk: a tl;dr or conclusion sentence that
  opens on no clause ("New stuff in agriculture or other areas, as AI gets democratized."),
  asks, speaks of the speaker rather than the subject ("All of us that are doing this -
  we have day jobs.", "I know for ours, …"), tells an anecdote ("When we were starting
  AI, …") or talks to the audience ("give us some ideas");
- gist sentences that point back: open on a pointer ("That's why…") or, anywhere, name what was said
  before with a demonstrative and a word that only stands for something else ("If you take that
  condition and you put it in the context of AI, …": which condition?).
"""

import re

from podcast_digest.models import Summary, Transcript
from podcast_digest.summarization.extractive.grammar import content_stems, has_finite_verb
from podcast_digest.summarization.extractive.vocabulary import words

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-Z0-9\"“])")
_TITLE_TAIL = re.compile(r"\s*(?:[:|(\[]|\s[-–—]\s|#\d).*$")
_POSSESSIVE_END = re.compile(r"['’]s$", re.I)
# Words that open a phrase before the clause proper: "For all the models…, detections are on".
_INTRODUCERS = frozenset(
    """for in with when if after before because since although though while as at on by to from during once
    unless until whether without within across over under into through about like whenever where""".split()  # noqa: SIM905
)
_ABOUT_THE_SPEAKER = re.compile(
    r"^(?:i|i'm|i've|i'd|i'll|my|me|all of us|for me|to me|for us|speaking for)\b"
    r"|^(?:so|and|but|well|yeah|oh|okay|now)\b",
    re.I,
)
_ANECDOTE = re.compile(
    r"^(?:when (?:i|we) (?:was|were|started|first)|back (?:when|then|in)|i remember|we remember|"
    r"the other day|years ago|last (?:week|year|month))\b",
    re.I,
)
_TO_THE_AUDIENCE = re.compile(
    r"\b(?:give us|tell us|let us know|let me know|reach out|check (?:it )?out|subscribe|join us|"
    r"thanks? (?:you )?for (?:listening|coming|joining))\b",
    re.I,
)
_POINTS_BACK = re.compile(
    r"^(?:that|that's|this|these|those|it|it's|they|they're|them|he|she|there|so|also|then|which|such|"
    r"the other|another|both|here|again)\b",
    re.I,
)

# A demonstrative before a shell noun, a word that stands for something said elsewhere ("that condition",
# "this same idea", "those kinds of"): the sentence leans on what came before. "At this point" is now.
_SHELL_POINTER = re.compile(
    r"\b(?<!at )(?:that|this|these|those|such)\s+(?:same\s+|very\s+|whole\s+|other\s+)?(?:a\s+)?"
    r"(?:condition|point|case|idea|thing|problem|issue|example|approach|question|notion|concept|situation|"
    r"scenario|stuff|reason|fact|aspect|kind|sort|type|part|piece|stage|step|one)s?\b",
    re.I,
)

_SAME_AS_BEFORE = re.compile(r"^(?:the )?same\b", re.I)


def points_back(sentence: str) -> bool:
    """A gist sentence that leans on something said before it: a pointer opening it, or a demonstrative
    before a shell noun anywhere in it (see _SHELL_POINTER)."""
    text = sentence.strip()
    return bool(_POINTS_BACK.match(text) or _SAME_AS_BEFORE.match(text) or _SHELL_POINTER.search(text))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


def junk_promises(summary: Summary, transcript: Transcript) -> list[str]:
    """The Quick Takes promises that are the show, a person, a broken phrase or the whole title."""
    people = {w for s in transcript.segments if s.speaker for w in words(s.speaker)}
    show = {w.removesuffix("'s") for w in words(summary.podcast_title or "")}
    title = summary.episode_title.strip().casefold()
    title_stem = _TITLE_TAIL.sub("", summary.episode_title).strip(" .!?").casefold()
    found = []
    for check in summary.quick_takes.promises:
        promise = check.promise.strip()
        tokens = [w.removesuffix("'s") for w in words(promise)]
        if (
            not tokens
            or _POSSESSIVE_END.search(promise)
            or set(tokens) <= show
            or set(tokens) & people
            or promise.casefold() in (title, title_stem)
        ):
            found.append(promise)
    return found


def is_no_statement(sentence: str) -> bool:
    """A tl;dr or conclusion sentence a reader cannot take as a statement of what the talk said."""
    text = sentence.strip()
    if not text or text.endswith("?"):
        return True
    if _ABOUT_THE_SPEAKER.match(text) or _ANECDOTE.match(text) or points_back(text):
        return True
    if _TO_THE_AUDIENCE.search(text) or " - " in text or re.search(r"\byou know\b|, like,", text, re.I):
        return True
    clauses = re.split(r"[,;:]\s|\s[-–—]\s", text)
    first = words(clauses[0])
    if len(first) <= 3 and len(clauses) > 1:
        first = words(clauses[1])  # "Recently, …", "In practice, …": the clause comes after
    return bool(first) and first[0] not in _INTRODUCERS and not has_finite_verb(first)


def no_statements(summary: Summary) -> dict[str, list[str]]:
    """tl;dr and conclusion sentences that are no statement (see is_no_statement)."""
    return {
        "tldr": [s for s in sentences(summary.tldr) if is_no_statement(s)],
        "conclusion": [s for s in sentences(summary.conclusion) if is_no_statement(s)],
    }


# --- talk that never settled into a sentence, and what the tl;dr covers --------------------------------

# A second clause run on without a link: "…visual regression testing we use it for…", "…round tripped I
# think it'll resonate…". A subject pronoun and a verb after a word that joins nothing.
_JOINS = (
    r"and|but|or|so|because|if|when|once|unless|while|since|as|than|then|that|which|who|where|what|why|how|"
    r"whether|before|after|until|like|though|although|even|think|know|say|said|mean|guess|hope|feel|sure|"
    # a question's inverted order: "do we need", "can you see"
    r"do|does|did|can|could|will|would|should|are|is|was|were|have|has|don't|didn't|can't|won't"
)
_RUN_ON = re.compile(
    rf"\b(?!(?:{_JOINS})\b)[a-z]+ (?:"
    r"(?:we|you|they|i|he|she) (?:use|used|can|could|have|had|want|need|get|got|do|did|don't|will|would|"
    r"are|were|was|is|make|think|see|just|really)\b"
    r"|(?:we're|you're|they're|i'm|it'll|we'll|you'll)(?! sure\b))",
    re.I,
)
# "sure"/"right" said as a tag in the middle or at the end: "…Python developers sure if you're doing…",
# "…scalable code right."; not "make sure", "the right side".
_TAG = re.compile(
    r"(?<!make )(?<!for )(?<!not )(?<!the )(?<!all )(?<!i'm )(?<!be )\b(?:sure|right)\b"
    r"(?= (?:if|and|but|so|because|yes|yeah|i|you|we|they|it|that's|this)\b|\W*$)",
    re.I,
)


def is_unsettled_talk(sentence: str) -> bool:
    """A tl;dr or conclusion sentence that is talk cut from unpunctuated captions, not a sentence: two
    clauses run together, or a "sure"/"right" tag in it."""
    text = sentence.strip()
    if _TAG.search(text):
        return True
    return bool(_RUN_ON.search(text))


def unsettled_talk(summary: Summary) -> dict[str, list[str]]:
    """tl;dr and conclusion sentences that are run-on or tagged caption talk (see is_unsettled_talk)."""
    return {
        "tldr": [s for s in sentences(summary.tldr) if is_unsettled_talk(s)],
        "conclusion": [s for s in sentences(summary.conclusion) if is_unsettled_talk(s)],
    }


def _stems(text: str) -> set[str]:
    return content_stems(text)


def tldr_covered_headings(summary: Summary) -> tuple[int, int]:
    """(Key Ideas headings the tl;dr speaks of, Key Ideas headings): a heading is spoken of when the tl;dr
    says at least half of its content words ("AI Ethics": "ethics"), so a tl;dr of three lines on one
    topic covers one group of six."""
    said = _stems(summary.tldr)
    headings = [g.heading for g in summary.key_ideas if _stems(g.heading)]
    covered = [h for h in headings if 2 * len(_stems(h) & said) >= len(_stems(h))]
    return len(covered), len(headings)
