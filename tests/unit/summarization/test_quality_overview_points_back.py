"""The bench's "tl;dr sentences pointing back" row (quality_overview.points_back): it missed the tl;dr
`make run`'s example opened on, "If you take that condition and you put it in the context of AI, we
don't have safeguards." (which condition?); it flags that now, and still flags the openings it was
written for, without flagging statements whose demonstrative points inside them."""

import pytest

from podcast_digest.summarization import quality_overview
from podcast_digest.summarization.quality import score_summary
from tests.unit.summarization.test_quality_metrics import _summary, _transcript

POINTING_BACK = [
    # `make run`'s example tl;dr (Practical AI #100): the condition was said before.
    "If you take that condition and you put it in the context of AI, we don't have safeguards.",
    # Practical AI #100 and the Changelog #594, as their In-Depth parts said them.
    "The same reason why you wanna see case studies when you're looking at a particular tool or a product.",
    "We partner on those kinds of models with OpenAI, and make them available on Azure.",
    # The openings the row was written for.
    "That's why the models are released as serialized files.",
    "This is the reason people stay on the show.",
]
STATEMENTS = [
    "The standard has been in the past that people train a model and then at some point a serialized "
    "version of that model is released.",
    "At this point, computer vision models are fairly commoditized, because every cloud sells them.",
    "Interpretable machine learning is what will make doctors trust these systems.",
    "We're seeing deep learning models and architectures deployed in many different areas.",
]


@pytest.mark.parametrize("sentence", POINTING_BACK)
def test_a_gist_sentence_that_leans_on_what_came_before_points_back(sentence):
    assert quality_overview.points_back(sentence)


@pytest.mark.parametrize("sentence", STATEMENTS)
def test_a_statement_whose_pointer_points_inside_it_does_not(sentence):
    assert not quality_overview.points_back(sentence)


def test_the_bench_counts_the_make_run_tldr_as_pointing_back():
    tldr = " ".join([POINTING_BACK[0], STATEMENTS[3], STATEMENTS[0]])
    quality = score_summary(_summary(tldr=tldr), _transcript())
    assert quality.dangling_openings["tldr"] == 1
    assert quality.no_statements["tldr"] == 1
