"""The bench's Key Ideas filler count (issue 13, fill pass): bullets no listener keeps under their heading.

A Key Ideas bullet is read out of its talk, under a heading. One that does not say its heading has to be a
whole statement about the group's subject to earn its place; this counts the ones that are not:

- pointing back mid-sentence, at a thing said before and not named in the bullet: "a small amount of it",
  "one of these networks", "that's why", "in that way", "there" as a place ("progress there.");
- the speaker's own story or interest: first person singular ("I'm mostly interested…", "If I have five
  different conversations…"), a "we" told in the past ("We just started our Covid life early."), or a
  moment of the speaker's day ("yesterday", "the other day").

Bullets that do say their heading are counted apart, as anecdotes only ("When my printer doesn't work, I
send email to the printing team at Microsoft."): saying the heading does not make a story an idea.

The patterns are the bench's own reading, written apart from the summarizer's rule (idea_picking), so
the bench still sees what the rule lets through. English summaries only: they are English patterns.
"""

import re
from typing import TYPE_CHECKING

from podcast_digest.models import Summary, Transcript
from podcast_digest.summarization.extractive.grammar import content_stems

if TYPE_CHECKING:
    from podcast_digest.summarization.quality import SummaryQuality

_POINTS_BACK = re.compile(
    r"\b(?:(?:one|some|certain|many|most|all|any|each|none|few|several|both|either|neither|amount|lot|"
    r"bit|part|rest|half) of (?:these|those|them|it)\b(?! all)"
    r"|(?:that's|that is|this is|which is) (?:why|how|where)\b"
    r"|(?:in|for) (?:that|this) (?:way|reason|sense)\b"
    r"|because of (?:that|this)\b"
    r"|(?<!out )(?<!over )(?<!in )there(?=\s*[,.;:!?]|\s*$))",
    re.IGNORECASE,
)
_OWN_STORY = re.compile(
    r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b(?!['’]?\w)"
    r"|\b(?:yesterday|the other day|last (?:week|night|month|year))\b"
    r"|^(?:(?:so|and|but|when|then) )?we (?:(?:just|all|actually|really|kind of|sort of|even|also) )*"
    r"(?:were|was|had|did|went|got|started|began|saw|met|talked|tried|made|built|came|ended|spent|"
    r"moved|decided|transitioned|found)\b",
    re.IGNORECASE,
)


def fill_reason(bullet: str) -> str | None:
    """Why a bullet is filler wherever it stands ("points back", "the speaker's own story"), or None."""
    text = bullet.strip()
    if _OWN_STORY.search(text):
        return "the speaker's own story"
    if _POINTS_BACK.search(text):
        return "points back"
    return None


def fill_bullets(summary: Summary) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(heading, bullet, why) of Key Ideas bullets off their heading that are filler, and of bullets on
    their heading that are the speaker's own story."""
    off: list[tuple[str, str, str]] = []
    stories: list[tuple[str, str, str]] = []
    for group in summary.key_ideas:
        wanted = content_stems(group.heading)
        for bullet in group.ideas:
            why = fill_reason(bullet)
            if why is None:
                continue
            if not wanted & content_stems(bullet):
                off.append((group.heading, bullet, why))
            elif why == "the speaker's own story":
                stories.append((group.heading, bullet, why))
    return off, stories


def count_fill(summary: Summary, transcript: Transcript, quality: "SummaryQuality") -> None:
    english = (transcript.language or "en").casefold().startswith("en")
    off, stories = fill_bullets(summary) if english else ([], [])
    quality.fill_bullets["key_ideas"] = len(off)
    quality.anecdote_bullets["key_ideas"] = len(stories)
    for heading, bullet, why in off:
        quality.note("filler bullet off its heading", f"{heading} ({why}): {bullet}")
    for heading, bullet, _why in stories:
        quality.note("anecdote under its heading", f"{heading}: {bullet}")
