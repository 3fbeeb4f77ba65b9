"""Advice is recognised by its shape; talk about the show and questions are not lessons."""

import pytest

from podcast_digest.summarization.extractive.lessons import advice_strength, advice_title
from podcast_digest.summarization.extractive.sentences import TranscriptSentence


def _sentence(text: str) -> TranscriptSentence:
    return TranscriptSentence(raw=text, clean=text, start=0.0, speaker=None, section=0, position=0)


@pytest.mark.parametrize(
    "text",
    [
        "You should keep the deployment package small so the cold start stays short.",
        "Make sure you measure the cold start latency before buying provisioned concurrency.",
        "The key is to tag every resource with its team so costs are visible.",
        "I recommend emitting business metrics such as orders placed per minute.",
        "Always propagate the trace context when a function puts a message on a queue.",
        "Set a timeout on every network call, because the default is far too long.",
        "Don't forget that retries multiply your invocations when a service fails.",
    ],
)
def test_advice_is_recognised(text):
    assert advice_strength(_sentence(text)) > 0


@pytest.mark.parametrize(
    "text",
    [
        "Java functions had the slowest cold starts in our tests last year.",
        "Should you keep the deployment package small for every single function?",
        "You should subscribe to the show and leave us a review on your podcast app.",
        "You should try it.",  # too short to teach anything
        "People don't know there are ninety nine bottles of beer on the wall.",
    ],
)
def test_statements_questions_ads_and_fragments_are_not_advice(text):
    assert advice_strength(_sentence(text)) == 0


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "You should keep the deployment package small, because every megabyte counts.",
            "Keep the deployment package small",
        ),
        (
            "Make sure you measure the cold start latency in production before buying.",
            "Measure the cold start latency in production",
        ),
        (
            "The key is to tag every resource with its team, so costs are visible.",
            "Tag every resource with its team",
        ),
        (
            "Set a timeout on every network call, because the default is too long.",
            "Set a timeout on every network call",
        ),
    ],
)
def test_the_advice_itself_becomes_the_lessons_title(text, title):
    assert advice_title(text) == title


@pytest.mark.parametrize(
    "text",
    [
        "This tool we developed inside, and we used it to attack AI models and to make sure that they're not regressing.",
        "Java functions had the slowest cold starts in our tests.",
        "You should try it.",
    ],
)
def test_no_title_is_made_up_where_the_sentence_does_not_advise(text):
    assert advice_title(text) == ""
