"""The bench's count of sentences no listener should see as an idea (quality_sentences.py), on the corpus
lines issue 13's gate pass quotes, and the whole sentences beside them it must leave alone."""

import pytest

from podcast_digest.models import (
    ClickbaitVerdict,
    KeyIdeaGroup,
    Provenance,
    Segment,
    Summary,
    Transcript,
    TranscriptSource,
    TranscriptSourceKind,
)
from podcast_digest.summarization import quality, quality_sentences


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Explain to me how GitHub Copilot works.", "request"),
        (
            "As the CTO of Microsoft Azure, I read that you're in charge of sustainable data center design.",
            "bio",
        ),
        ("As CTO, I oversee technical strategy and architecture for the Azure platform.", "bio"),
        ("Streamlit, I interviewed Adrian back, I think it was 2019, who founded Streamlit.", "bio"),
        (
            "Currently, I've gone in React, which is, I would say, industry standard, but also have experience"
            " with Vue or Angular.",
            "bio",
        ),
        ("We support arbitrary JavaScript as well you just include your script as.", "cut off"),
        (
            "The examples that you have here are you have a little tiny fragment like a fragment of HTML that'll go into the.",
            "cut off",
        ),
        (
            "HTML with the templating language right does it do the partial updates based on that as.",
            "cut off",
        ),
        (
            "GPT-3 just made a splash this summer on the tech Twitter, by generating some pretty realistic.",
            "cut off",
        ),
        ("If you imagine you have to open up a tab for Azure, you can go from your.", "cut off"),
        ("Wave sounds like a really cool framework we have.", "cut off"),
        (
            "Creating good audio is key to keeping your podcast listeners engaged because no matter how good the"
            " content is, if your audio quality isn't good.",
            "cut off",
        ),
        (
            "If you combine that with obviously other aspects, like generative adversarial networks.",
            "no main clause",
        ),
        ("Moving forward for your podcast to help you reach your goals, that much faster.", "no main clause"),
        ("Probably didn't even use any TypeScript or React.", "no subject"),
        ("Reach the gap between JavaScript and Python you can send your data back to Python.", "no subject"),
        ("If you want yeah but what's surprising to me is you can exit your python script.", "filler"),
        (
            "If you take that condition and you put it in the context of AI, we don't have safeguards.",
            "points back",
        ),
        ("The first thing that comes to me is adversarial networks.", "points back"),
        (
            "There's probably people listening who are like, well, I've already considered Streamlit.",
            "points back",
        ),
        (
            "API or something or is it just all custom it uses starlight although I'm not sure if it the actual server.",
            "run-on",
        ),
        (
            "After you've run that you can fire up python again how does that work it's mostly for debugging.",
            "run-on",
        ),
        (
            "Can be built but especially if you're talking about businesses 80% of the apps that they.",
            "cut off",
        ),
        ("As opposed to the Azure nightclub or pool in Vegas.", "no main clause"),
        ("Neural Processing Unit, which is a generic industry term.", "no main clause"),
    ],
)
def test_the_quoted_corpus_lines_are_no_ideas(text, why):
    assert quality_sentences.reason(text) == why


@pytest.mark.parametrize(
    "text",
    [
        # Stranded prepositions and elliptical ends are English ("plug in", "works with", "want to").
        "There is a lot of benefit there, and that's why certain of these practical tools plug in.",
        "However, if you wish to sprinkle a little bit of JavaScript or CSS, then you definitely can.",
        "We know how to use them as they currently work, whatever our context is.",
        "If you have a small amount of it, and then use one of these networks, that can be a benefit.",
        "If we want to take the macroeconomic view, world GDP grows because of population or productivity.",
        "As an IC, you don't switch contexts that much.",
        "Creating good audio is key to keeping your podcast listeners engaged.",
        "If it says something that's not in the grounding data, then it's probably a hallucination.",
        "To combat hallucination, what people are doing is they're doing retrieval-augmented generation.",
        "Prompt shield is just technology that is now trying to detect that.",
        "You just say in JavaScript you just say wave.emit and the event.",
        "The basic building block, be it the script or the app, is something called a card.",
        "We use Python, which is fast enough for the dashboards we build.",
        "Mark Russinovich, who is the CTO of Azure, says prompt injection is inherent.",
        "There's just a big capability gap for a while.",  # "a while" is a span of time, no conjunction
    ],
)
def test_whole_sentences_are_left_alone(text):
    assert quality_sentences.reason(text) is None


def test_the_bench_counts_them_per_part_with_their_reason():
    summary = Summary(
        episode_id="e",
        feed_id="f",
        quick_takes=ClickbaitVerdict(
            is_clickbait=False, verdict="Our analysis suggests it is not clickbait."
        ),
        one_sentence_summary="Michael and Tal talk about H2O Wave.",
        tldr="Wave apps run as Python scripts. Explain to me how the Wave server works.",
        key_ideas=[
            KeyIdeaGroup(
                heading="Wave",
                ideas=[
                    "Wave keeps the page state on the server.",
                    "Probably didn't even use any TypeScript.",
                ],
            )
        ],
        lessons=[],
        conclusion="Wave sounds like a really cool framework we have.",
        in_depth=[],
        provenance=Provenance(transcript_source="test", summarizer="test"),
    )
    transcript = Transcript(
        segments=[Segment(start=0, end=60, text="Wave keeps the page state on the server.")],
        source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER),
    )
    scored = quality.score_summary(summary, transcript)
    assert scored.no_ideas == {"tldr": 1, "key_ideas": 1, "conclusion": 1, "in_depth_ideas": 0}
    assert "key_ideas (no subject): Probably didn't even use any TypeScript." in scored.examples["no idea"]


def test_a_share_of_what_was_said_before_points_back():
    said = "Half of that can already be known, and AI can do that, and then you can take it from there."
    assert quality_sentences.reason(said) == "points back"
    assert (
        quality_sentences.reason("Half of the listeners who try a new podcast stop within five minutes.")
        is None
    )
