"""Run-on sentences cut out of unpunctuated captions, counted for the quality bench.

A statement that ends on a word that cannot end an English sentence (an article or possessive, a
conjunction, "as", a subject pronoun with no verb after it) was cut where the talk went on: "We
support arbitrary JavaScript as well you just include your script as.", "The examples that you have
here are you have a little tiny fragment like a fragment of HTML that'll go into the.". Stranded
prepositions ("…what it comes from.") and auxiliaries ("…that's what it is.") are good English and
not counted. Written apart from the summarizer's rules (extractive/caption_sentences.py).
"""

import re
from typing import TYPE_CHECKING

from podcast_digest.summarization.extractive.vocabulary import words

if TYPE_CHECKING:  # quality.py imports this module
    from podcast_digest.summarization.quality import SummaryQuality

_CANNOT_END = frozenset(
    """a an the my our your their his her its every some each another these those
    and or but nor because if when whereas while which whether although though unless than as
    i we they he she i'm we're they're you're he's she's i've we've they've i'd we'd they'd i'll we'll
    they'll""".split()  # noqa: SIM905 - a word list reads best as words
)


def ends_on_a_dangling_word(statement: str) -> bool:
    """Does the statement stop on a word that leaves its phrase open ("…include your script as.")?"""
    found = words(statement)
    return bool(found) and found[-1] in _CANNOT_END and not ends_on_a_while(statement)


_A_WHILE = re.compile(r"\b(?:a|the|that) while\W*$", re.I)


def ends_on_a_while(statement: str) -> bool:
    """ "…a big capability gap for a while.": after an article "while" is a span of time, no conjunction."""
    return bool(_A_WHILE.search(statement))


def run_ons(statements: dict[str, list[str]]) -> dict[str, list[str]]:
    """Per part, the statements that end on a dangling word (see the module docstring)."""
    return {part: [s for s in shown if ends_on_a_dangling_word(s)] for part, shown in statements.items()}


def count_run_ons(statements: dict[str, list[str]], quality: "SummaryQuality") -> None:
    """Fill `quality.run_ons` per part from what a reader reads, noting each example."""
    for part, found in run_ons(statements).items():
        quality.run_ons[part] = len(found)
        for text in found:
            quality.note("run-on", f"{part}: {text}")
