"""Talk about the show rather than the topic: ads, greetings, calls to subscribe.

Such sentences can rank high on centrality (an ad read repeats the same
words) but say nothing about the episode's subject. An ad read is recognised
by its opening ("this episode is sponsored by…") and runs until its last call to
action (a web address) within two minutes.
"""

import re
from collections.abc import Sequence

from podcast_digest.summarization.extractive.sentences import TranscriptSentence

_HOUSEKEEPING = re.compile(
    r"\b(?:sponsor(?:ed|s)?|promo code|coupon|discount code|free trial|subscribe|"
    r"rate (?:and review|us)|leave (?:us )?a review|show notes|link(?:s)? (?:is |are )?in the|"
    r"welcome (?:back )?to (?:the show|the podcast|another episode)|"
    r"thanks? (?:you )?(?:so much )?for (?:having|coming|joining|listening)|"
    r"see you next time|until next time|this is your host|follow (?:me|us|the show) on|"
    r"our (?:partners?|friends) at|brought to you by|check (?:them|it) out at|head (?:on )?over to)\b|"
    r"(?:https?://|www\.)\S+|\b\w+\.(?:com|fm|io|org|net|dev|ai)/\S*|\b\w+\.fm\b|\.fm slash\b",
    re.I,
)
_AD_OPENING = re.compile(
    r"\b(?:(?:this|today's) (?:episode|show) is (?:sponsored|brought to you|supported)|brought to you by|"
    r"sponsored by|thanks? (?:you )?to our sponsors?|(?:a )?word from our sponsors?|support for (?:this|the) (?:show|podcast|episode))\b",
    re.I,
)
_CALL_TO_ACTION = re.compile(
    r"(?:https?://|www\.)\S+|\b\w+\.(?:com|fm|io|org|net|dev|ai)\b|\bslash \w+|\bpromo code\b", re.I
)
_AD_SECONDS = 120.0
_AD_SENTENCES = 40


def is_housekeeping(text: str) -> bool:
    return bool(_HOUSEKEEPING.search(text))


def housekeeping_flags(sentences: Sequence[TranscriptSentence]) -> list[bool]:
    """For each sentence, whether it is about the show (ads, greetings) rather than the topic."""
    flags = [is_housekeeping(s.raw) for s in sentences]
    i = 0
    while i < len(sentences):
        if not _AD_OPENING.search(sentences[i].raw):
            i += 1
            continue
        opened = sentences[i].start
        end = i
        # The ad runs to its last call to action within the window (a read may name its address twice).
        for j in range(i, min(len(sentences), i + _AD_SENTENCES)):
            if sentences[j].start - opened > _AD_SECONDS:
                break
            if _CALL_TO_ACTION.search(sentences[j].raw):
                end = j
        for j in range(i, end + 1):
            flags[j] = True
        i = end + 1
    return flags
