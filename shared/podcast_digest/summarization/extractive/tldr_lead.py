"""The tl;dr's opening sentence, built from the episode's structure: the topics its statements are on, in
the order the talk reaches them ("The talk opens on computer vision, then moves on to AI ethics, natural
language processing and deep learning.").

It says what the episode is about, so the verbatim statements after it read as its main points and tie
to one another through it; it is no transcript line, so no other part can show it.
"""

from collections.abc import Sequence


def tldr_lead(topics: Sequence[str]) -> str:
    """The lead for `topics` (in the order said), or "" when there is none to name."""
    topics = [t for t in topics if t]
    if not topics:
        return ""
    opening = "The talk"
    if len(topics) == 1:
        return f"{opening} is about {topics[0]}."
    return f"{opening} opens on {topics[0]}, then moves on to {joined(topics[1:])}."


def joined(items: Sequence[str]) -> str:
    """The items as said in a sentence: "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
