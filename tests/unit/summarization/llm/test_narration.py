"""Ideas are stated as facts of the episode: narration is restated as its claim or dropped."""

import pytest

from podcast_digest.summarization.llm.narration import as_fact, is_narrated


@pytest.mark.parametrize(
    ("narrated", "fact"),
    [
        ("The speaker explains that caching halves the bill.", "Caching halves the bill."),
        (
            "They also note that most jailbreaks are found by accident.",
            "Most jailbreaks are found by accident.",
        ),
        ("The hosts talk about pricing.", ""),
        ("The guest discusses how the model was trained.", ""),
        ("In this part, the speakers discuss GPUs.", ""),
        ("Discussion on whether models are sentient.", ""),
        ("This episode discusses Azure.", ""),
    ],
)
def test_narration_is_restated_as_its_claim_or_dropped(narrated, fact):
    assert is_narrated(narrated)
    assert as_fact(narrated) == fact


@pytest.mark.parametrize(
    "idea",
    [
        "Long context lengths make models far more capable.",
        "Speakers of Rust value ownership over garbage collection.",
        "The discussion format suits long interviews.",
        "Mark Russinovich argues that red teams find jailbreaks first.",  # attributed, not narrated
    ],
)
def test_ideas_stated_as_facts_are_kept_as_they_are(idea):
    assert as_fact(idea) == idea
    assert not is_narrated(idea)
