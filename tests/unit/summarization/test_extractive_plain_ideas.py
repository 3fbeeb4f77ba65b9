"""Key Ideas as plain statements that read alone, under headings their bullets say (issue 13, ideas).

The sentences are what the corpus speakers said (Practical AI #100, Talk Python #386, The Changelog #594).
"""

import pytest

from podcast_digest.summarization import quality
from podcast_digest.summarization.extractive.idea_picking import why_not_alone
from podcast_digest.summarization.extractive.plain_statements import plain_statement


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        # a hedge inside the sentence
        (
            "In computer vision I think they've been struggling with this for quite some time.",
            "In computer vision they've been struggling with this for quite some time.",
        ),
        # a leading discourse marker
        (
            "Of course, people immediately set about trying to get it to ignore those prompt instructions.",
            "People immediately set about trying to get it to ignore those prompt instructions.",
        ),
        # trailing vagueness
        (
            "Certain things like facial recognition are fairly commoditized in terms of major categories "
            "of detection, and that sort of thing.",
            "Certain things like facial recognition are fairly commoditized in terms of major categories "
            "of detection.",
        ),
        # an aside between commas, and "basically" as filler
        (
            "The second reason was that, for example, Streamlit apps used to be very resource-heavy.",
            "The second reason was that Streamlit apps used to be very resource-heavy.",
        ),
        (
            "Mr. Robot, basically, is a hacker, and he is really good.",
            "Mr. Robot is a hacker, and he is good.",
        ),
        # "kind of" as a hedge goes; "sort of" as a noun stays
        (
            "Natural language sort of speech interaction is now fluent enough for a lot of scenarios.",
            "Natural language speech interaction is now fluent enough for a lot of scenarios.",
        ),
        # an aside about the talk itself
        (
            "If you take a look at transformer models and their architecture, which we talked about a little "
            "while ago, they inherently don't have a world model.",
            "If you take a look at transformer models and their architecture, they inherently don't have a "
            "world model.",
        ),
        # the aside ", if you will" goes
        (
            "The headline, the H1 of your website, if you will, is make AI apps.",
            "The headline, the H1 of your website is make AI apps.",
        ),
        # an opening adverb of attitude
        (
            "Generally, to combat hallucination, what people are doing is retrieval-augmented generation.",
            "To combat hallucination, what people are doing is retrieval-augmented generation.",
        ),
        # a long sentence loses its trailing "which" clause
        (
            "The reason was that Streamlit used to run a separate process for every single browser tab, "
            "which, of course, demanded a lot of memory.",
            "The reason was that Streamlit used to run a separate process for every single browser tab.",
        ),
    ],
)
def test_an_idea_loses_hedges_markers_asides_and_vagueness(said, plain):
    assert plain_statement(said) == plain


@pytest.mark.parametrize(
    "said",
    [
        # "this sort of input" names a kind of thing: not a hedge
        "You can ask it to grade this sort of input statement on a scale of one to five.",
        # a list's last item is not a clause to cut ("and the talk show on Friday")
        "The episodes are released on a regular schedule with the news brief on Mondays, interviews on "
        "Wednesdays, and the talk show on Friday.",
        # the turn is the point: a "but" clause stays
        "Translation is very much used these days, but also transcription and speech recognition.",
        # "if you will notice" is a condition, not the aside ", if you will"
        "The magic behind that if you will notice we have that page that save function.",
        # "not really" is a claim of its own: the "really" stays
        "It is not really a problem for the people who run the servers.",
        # a condition stays
        "If you have some podcast episodes that are on the longer end, maybe up to three hours, that's okay.",
    ],
)
def test_a_cut_that_would_change_what_was_said_is_not_made(said):
    assert plain_statement(said) == said


def test_no_cut_drops_a_negation_or_a_number():
    # "actually" may go; the "because" clause may not, since its "not" would go with it.
    said = "We actually did not ship version 3 of the model, because the evaluation was not finished."
    assert plain_statement(said, target_words=10) == (
        "We did not ship version 3 of the model, because the evaluation was not finished."
    )


def test_no_cut_leaves_a_fragment():
    # Without "I think" what is left is a condition with no main clause: the sentence stays as it was.
    said = "I think if you cache everything at the edge of the network."
    assert plain_statement(said) == said
    for said in (
        "So, the cache sits in front of the database and answers most reads.",
        "And then, you know, the model runs on the phone without a network.",
    ):
        assert quality.fragment_reason(plain_statement(said)) is None


@pytest.mark.parametrize(
    ("said", "why"),
    [
        ("Those Uyghurs - they can't go out to some store and get that same technology.", "refers back"),
        ("Of that, a lot of people are turning back to AGI.", "refers back"),
        ("To your point though, the singularity is a long way off.", "refers back"),
        ("To Chris' point as well, people are gonna start trying new sorts of things.", "refers back"),
        ("It's something I do think about that idea; it's not real-life in the DoD.", "refers back"),
        ("To me, I don't necessarily feel pigeon-holed.", "the speaker's own view"),
        ("I don't necessarily feel pigeon-holed.", "the speaker's own view"),
        ("I've fed all my neighbors' faces into a little system.", "the speaker's own story"),
        ("It's fine to dream a little and it's fine to speculate a bit.", "filler"),
        ('A listener was saying "Hey, cover drug discovery and pharma with AI."', "quoted speech"),
        # Practical AI #100: a share of, or a deed done to, what was said before.
        ("Part of that is probably not because of my job.", "refers back"),
        ("We keep it, for the most part I think this is real life.", "refers back"),
        ("You do that, and the cache fills up.", "refers back"),
    ],
)
def test_ideas_that_cannot_be_read_alone_are_named_for_why(said, why):
    assert why_not_alone(said) == why


@pytest.mark.parametrize(
    "said",
    [
        "GDPR is one thing that comes to mind in Europe.",
        "The top growth was a thing called graph neural networks.",
        "Streamlit used to run a separate process for every single browser tab.",
        "We've got something called the Deployment Safety Board at Microsoft.",
        "There's a book called Interpretable Machine Learning, by Christoph Molnar.",
        "Part of the problem is the latency of a cold start.",
        "We keep the models in S3 for a week before they are retrained.",
    ],
)
def test_statements_about_the_subject_read_alone(said):
    assert why_not_alone(said) is None


def test_in_depth_keeps_a_guests_story_but_not_a_reply():
    story = "I started working as a Java developer, then switched to web development."
    assert why_not_alone(story) == "the speaker's own story"
    assert why_not_alone(story, key_idea=False) is None
    assert why_not_alone("Of that, a lot of people are turning back to AGI.", key_idea=False) == "refers back"


def test_other_languages_are_left_as_spoken():
    # The summarizer applies these rules to English only; the trimmer changes no word of other text.
    said = "Das Modell läuft auf dem Telefon, ohne Netzwerk, und das ist schnell."
    assert plain_statement(said) == said
