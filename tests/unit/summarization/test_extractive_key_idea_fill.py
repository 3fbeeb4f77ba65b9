"""Key Ideas without filler bullets (issue 13, fill pass): no bullet points back within itself or is the
speaker's own story, on the corpus lines that carried them, and the bench's count sees them.

The bench's count (quality_fill.py) is written apart from the summarizer's rule (idea_picking), so the
corpus test below is scored by other code than the one that chose the bullets.
"""

import functools

import pytest

from podcast_digest.models import Episode, Feed, KeyIdeaGroup, Summary
from podcast_digest.summarization import quality, quality_fill
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.idea_picking import said_as_a_verb, why_no_key_idea
from podcast_digest.summarization.talk import summarize_talk
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

# The Key Ideas bullets the corpus episodes showed before this pass, and why no listener keeps them.
FILLER = [
    (
        "If you have a small amount of it, and then use one of these networks to augment your creation of "
        "other data, that can be a benefit.",
        "points back",
    ),
    (
        "There is a lot of benefit there, and that's why certain of these practical tools plug in.",
        "points back",
    ),
    ("AI is getting there, it's following other technical communities in that way.", "points back"),
    ("We hear that to some degree, and we know the breadth of the stuff.", "points back"),
    ("If you nail all three of these elements, you'll not only intrigue new listeners.", "points back"),
    ("The picture of visual element helps them do that.", "points back"),
    ("I'm mostly interested not so much in the application.", "the speaker's own story"),
    (
        "If I have five different conversations on this topic with five different people, their idea of what "
        "they're starting from - all five can be very different.",
        "the speaker's own story",
    ),
    (
        "When my printer doesn't work, I send email to the printing team at Microsoft.",
        "the speaker's own story",
    ),
    ("We just started our Covid life early.", "the speaker's own story"),
    ("People are mostly gracious, but there was a lot of no response.", "the speaker's own story"),
    (
        "We were talking to Scott yesterday, and he was talking about one of the medical companies Microsoft "
        "Works with.",
        "the speaker's own story",
    ),
    (
        "We hadn't met in person before we started the podcast; that happened way later, which was funny.",
        None,
    ),
    ("Man, lots just announced in the keynote here at Microsoft Build.", "the speaker's own story"),
    ("Guys, thanks so much for sticking with it, having an awesome, and thanks for letting us crash.", None),
]
# Bullets that state something about their subject, as the corpus says them: kept.
IDEAS = [
    "Certain things like facial recognition, or object recognition, are fairly commoditized in terms of major "
    "categories of detection.",
    "The top growth was a thing called graph neural networks.",
    "There are useful and meaningful things that are not code, or implemented on GitHub.",
    "A comment was made that there are enough good examples out there of AI ethics.",
    "We've got something called the Deployment Safety Board at Microsoft.",
    "In the last six months, really, there's been a real explosion around small language models.",
    "Streamlit is about building these simple dashboards, interactive places.",
    "We support arbitrary JavaScript as well you just include your script as if you did in let's say Django.",
    "Interviewing noteworthy guests that have a significant audience is one of our favorite marketing "
    "strategies for podcasters.",
]


@pytest.mark.parametrize(("text", "why"), FILLER)
def test_a_bullet_pointing_back_or_telling_the_speakers_story_is_no_key_idea(text, why):
    found = why_no_key_idea(text)
    assert found is not None, text
    if why is not None:
        assert found == why


@pytest.mark.parametrize("text", IDEAS)
def test_a_statement_about_its_subject_stays_a_key_idea(text):
    assert why_no_key_idea(text) is None


def test_a_one_word_heading_said_as_a_verb_names_no_subject():
    figure = [
        "Making sure the users have the controls to figure out what they want is how that works together.",
        "There were a lot of things that we did in order to figure out what the different ingredients are.",
        "When it's time to resume back to what you were doing, you can figure out what's going on.",
    ]
    assert said_as_a_verb("figure", figure)
    prompt = [
        "Prompt shield is just technology that is now trying to detect that.",
        "People immediately set about trying to get it to ignore those prompt instructions with theirs.",
    ]
    assert not said_as_a_verb("prompt", prompt)
    assert not said_as_a_verb("single button", figure)


def _summary(*groups: KeyIdeaGroup) -> Summary:
    return Summary.model_construct(key_ideas=list(groups))


def test_the_bench_counts_filler_off_the_heading_and_anecdotes_under_it():
    summary = _summary(
        KeyIdeaGroup(
            heading="Facial and Speech Recognition",
            ideas=[
                "Translation is very much used these days, but also transcription and speech recognition.",
                FILLER[0][0],
            ],
        ),
        KeyIdeaGroup(heading="Singularity", ideas=["I'm mostly interested not so much in the application."]),
        KeyIdeaGroup(heading="Microsoft", ideas=[FILLER[8][0], IDEAS[4]]),
    )
    off, stories = quality_fill.fill_bullets(summary)
    assert [(h, why) for h, _, why in off] == [
        ("Facial and Speech Recognition", "points back"),
        ("Singularity", "the speaker's own story"),
    ]
    assert [b for _, b, _ in stories] == [FILLER[8][0]]


CORPUS = [
    "talkpython__386-h2o-wave.txt",
    "talkpython__386-h2o-wave.vtt",
    "changelog__practical-ai-100.md",
    pytest.param("changelog__the-changelog-594.md", marks=pytest.mark.slow),
    "podcastnamespace__example.srt",
]


@functools.cache
def _scored(name: str) -> quality.SummaryQuality:
    transcript = parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)
    feed = Feed(feed_id="corpus", url="https://podcast.example/feed.xml", title="Corpus")
    episode = Episode(episode_id=name, feed_id="corpus", title="An episode")
    return quality.score_summary(
        summarize_talk(ExtractiveSummarizer(), feed, episode, transcript), transcript
    )


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS)
def test_no_corpus_key_idea_is_filler(name):
    # Before this pass: 5 filler bullets off their heading and 11 anecdotes under it on these transcripts.
    scored = _scored(name)
    assert scored.total("fill_bullets") == 0, scored.examples.get("filler bullet off its heading")
    assert scored.total("anecdote_bullets") == 0, scored.examples.get("anecdote under its heading")
