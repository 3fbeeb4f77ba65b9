"""The offline favorite quote: a whole, self-contained line about the episode's topics, never a plug.

Each rule is tested on the kind of sentence a real transcript says (most are lines the corpus
episodes said and the old code picked or nearly picked).
"""

import pytest

from podcast_digest.models import Episode, Feed, Segment, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.quotable import (
    QuoteContext,
    favorite_quote,
    filler_heavy,
    is_plug,
    quotability,
    quotable,
    refers_back,
    topic_vocabulary,
)
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.quality import weak_quote
from podcast_digest.summarization.quotes import QuoteIndex
from tests.unit.summarization.transcripts import make_transcript

HOUR = QuoteContext(english=True, talk_start=0.0, talk_end=3600.0)


def _said(
    text: str, start: float = 1800.0, *, punctuated: bool = True, position: int = 0
) -> TranscriptSentence:
    return TranscriptSentence(
        raw=text,
        clean=text,
        start=start,
        speaker="Guest",
        section=0,
        position=position,
        punctuated=punctuated,
    )


PLUGS = [
    # Practical AI #100's old pick, at the sign-off.
    "If you wanna share your story, these stories, the ways you're tinkering, the ways you're practitioning "
    "etc. in AI, you can do that there.",
    "You can check out all of the dashboards we built on our website, and the code is on GitHub for everyone.",
    "If you have a question for the show, reach out to us on Twitter or drop us a line any time you like.",
    "Head over to changelog.com slash community and join thousands of developers who hang out in our Slack.",
]


NOT_CLAIMS = [
    # A host's request to the guest (Talk Python 386), and talk about the talk.
    "If you're interested in almost any kind of reporting, dashboard, visualization, give us some ideas of "
    "the types of apps that people are building here.",
    "I think maybe to make this a little bit concrete for people, I want to maybe talk through two areas.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_a_request_to_the_guest_or_talk_about_the_talk_is_not_the_quote(text):
    assert not quotable(_said(text), HOUR)


def test_a_request_inside_a_scenario_is_no_request():
    # Talk Python 386: the CEO's words are an image, not the host asking the guest.
    text = (
        "If the CEO of your company says, hey, I want you to give me a dashboard that helps me understand, "
        "say, sales and cost this month, you probably aren't going to just point them at your Jupyter Notebook."
    )
    assert quotable(_said(text), HOUR)


@pytest.mark.parametrize("text", PLUGS)
def test_a_plug_or_call_to_action_is_never_the_quote(text):
    assert is_plug(text)
    assert not quotable(_said(text), HOUR)
    assert weak_quote(text) == "call to action"


REFERS_BACK = [
    # The Changelog #594's old pick: "the other place" is the second of a list begun before.
    "I think the other place that developers struggle is they've got some data, and they want to build a RAG "
    "application, and so they load their data into their vector store of choice.",
    # The example episode's old pick: an example of something said before.
    "For instance, you want to find other podcasts in your space where they talk about online marketing, where "
    "they talk about how to grow your business.",
    "Most likely, it's just third-party JavaScript library, which means that it's not necessarily a bundle of "
    "Plotly Dash.",
    "Ever since that point, it seems like we've always had it in the back of our mind, specifically "
    "highlighting AI for good episodes.",
    "I wish that there were many channels within the AI community where practitioners could do that.",
    "If you take a look at transformer models, which we talked about a little while ago, they inherently "
    "don't have a world model.",
    "If your podcast is centered around you, the next thing that you want to include in your intro is what "
    "your podcast is about.",
]


@pytest.mark.parametrize("text", REFERS_BACK)
def test_a_line_that_leans_on_what_came_before_is_not_the_quote(text):
    assert refers_back(text)
    assert not quotable(_said(text), HOUR)


SELF_CONTAINED = [
    "I mean, so many people work in Jupyter and do amazing things, but it's not necessarily what you deliver "
    "to an end user.",
    "I think that what's really important is to realize that it's not a person, and that it is a collection "
    "of information that humans have created.",
    "Doing podcasts is hard, getting to 100 is hard, most people fade, and there's a lot of work involved.",
]


@pytest.mark.parametrize("text", SELF_CONTAINED)
def test_a_self_contained_claim_may_be_the_quote_even_with_a_soft_opener(text):
    assert not refers_back(text)
    assert quotable(_said(text), HOUR)
    assert weak_quote(text) is None


def test_a_question_is_not_the_quote():
    text = "Do you think that the models will ever understand what they are actually saying back to us?"
    assert not quotable(_said(text), HOUR)
    assert weak_quote(text) == "question"


def test_a_filler_heavy_line_is_not_the_quote():
    text = "Um, you know, I think the dashboards are kind of the thing that people want the most from us."
    assert filler_heavy(text)
    assert not quotable(_said(text), HOUR)
    assert not filler_heavy(SELF_CONTAINED[0])  # one "I mean" in a long line reads as speech, not filler


@pytest.mark.parametrize("start", [12.0, 3590.0])
def test_the_intro_and_the_outro_give_no_quote(start):
    # The example episode's teaser at 0:00 and a sign-off: the first and last 3% of the talk.
    text = SELF_CONTAINED[2]
    assert not quotable(_said(text, start), HOUR)
    assert quotable(_said(text, 1800.0), HOUR)


def test_talk_the_engine_wrote_without_punctuation_is_no_quote():
    # A piece cut from unpunctuated captions is our cut, not the speaker's sentence.
    text = SELF_CONTAINED[2]
    assert not quotable(_said(text, punctuated=False), HOUR)


def test_a_line_about_the_episodes_topics_beats_one_about_something_else():
    context = QuoteContext(
        english=True,
        talk_end=3600.0,
        topic_words=frozenset({"dashboard", "python", "data", "scientist", "model", "javascript"}),
        content_words=lambda text: [w.strip(".,").casefold().removesuffix("s") for w in text.split()],
    )
    on_topic = _said(
        "Dashboards built in Python let data scientists ship their models to users without writing any JavaScript."
    )
    off_topic = _said(
        "Restaurants near the office let my colleagues grab their lunches quickly without waiting in any queue."
    )
    assert quotability(on_topic, context) > quotability(off_topic, context) > 0


def test_a_conviction_beats_a_plain_report():
    conviction = _said(
        "I believe the real problem is that teams ship dashboards the sales side rarely ever opens."
    )
    report = _said(
        "The sales team opened the dashboards on Monday and the engineers shipped a fix on Tuesday."
    )
    assert quotability(conviction, HOUR) > quotability(report, HOUR) > 0


def test_a_contrast_beats_a_flat_statement():
    contrast = _said(
        "Plenty of teams build dashboards in notebooks, but notebooks are not what you hand a CEO."
    )
    flat = _said(
        "Plenty of teams build dashboards in notebooks, and notebooks are what they hand the CEO too."
    )
    assert quotability(contrast, HOUR) > quotability(flat, HOUR) > 0


def test_an_anecdote_weighs_less_than_a_claim():
    anecdote = _said(
        "I interviewed the founder of Streamlit back in 2019 about building dashboards in plain Python."
    )
    claim = _said(
        "Building dashboards in plain Python is what the founder of Streamlit wanted data people to do."
    )
    assert quotability(claim, HOUR) > quotability(anecdote, HOUR) > 0


def test_a_line_about_the_show_itself_weighs_less():
    context = QuoteContext(english=True, talk_end=3600.0, podcast="Practical AI")
    about_show = _said(
        "Practical AI has grown into a community that cares about using machine learning for good."
    )
    about_topic = _said(
        "Machine learning has grown into a field where people care about using it for the good of all."
    )
    assert quotability(about_topic, context) > quotability(about_show, context) > 0


# Spanish and German open on words that are English pointers ("No", "So"): the English rules must not fire.
OTHER_LANGUAGES = [
    "No es el modelo más grande el que gana, sino el que tiene los mejores datos de entrenamiento.",
    "So ist es: Wer heute Modelle trainiert, braucht vor allem gute Daten und viel Geduld dabei.",
]


@pytest.mark.parametrize("text", OTHER_LANGUAGES)
def test_english_cues_do_not_misfire_on_other_languages(text):
    other = QuoteContext(english=False, talk_end=3600.0)
    assert quotable(_said(text), other)
    assert not quotable(_said(text), HOUR)  # read as English, "No"/"So" would be taken as pointing back


def test_the_quote_is_the_best_line_verified_verbatim_with_speaker_and_time():
    lines = [
        (
            0.0,
            20.0,
            "Welcome to the show, today we talk about dashboards for data scientists in Python.",
            "Host",
        ),
        (900.0, 910.0, REFERS_BACK[2], "Guest"),
        (1800.0, 1810.0, SELF_CONTAINED[0], "Guest"),
        (3500.0, 3590.0, PLUGS[0], "Host"),
    ]
    transcript = make_transcript(lines)
    sentences = [_said(t, a, position=k) for k, (a, _, t, _) in enumerate(lines)]
    quote = favorite_quote(sentences, [0.9, 0.9, 0.2, 0.9], QuoteIndex(transcript), context=HOUR)
    assert quote is not None
    assert quote.text == SELF_CONTAINED[0]
    assert (quote.speaker, quote.start_seconds, quote.verified) == ("Guest", 1800.0, True)


def test_no_quotable_line_means_no_quote_rather_than_a_weak_one():
    lines = [(900.0, 910.0, REFERS_BACK[2], "Guest"), (3500.0, 3590.0, PLUGS[0], "Host")]
    sentences = [_said(t, a, position=k) for k, (a, _, t, _) in enumerate(lines)]
    assert favorite_quote(sentences, [0.9, 0.9], QuoteIndex(make_transcript(lines)), context=HOUR) is None


def test_the_topic_vocabulary_is_the_headings_and_the_most_said_words_in_a_stable_order():
    said = ["dashboards in python"] * 4 + ["widgets in python"] * 3 + ["Adam likes lunch"] * 5

    def content(text: str) -> list[str]:
        return [w for w in text.casefold().split() if w != "in"]

    words = topic_vocabulary(["Realtime Apps"], said, content, leave_out=["Adam"], most=2)
    # "likes" and "lunch" are said as often: the one said first is kept, whatever the hash seed.
    assert words == {"realtime", "apps", "python", "likes"}


def test_a_long_line_is_not_weighed_down_but_a_short_one_is():
    # The sample's quote runs to 60 words: a line of 36-40 words is not penalised for its length.
    short = _said("Plenty of teams build dashboards in notebooks and hand them to the sales team.")
    long = _said(
        "Plenty of teams build their dashboards in notebooks on a laptop and hand those notebooks to the sales "
        "team at the end of every single month of the year, and then once more for the board at each quarter."
    )
    assert quotability(long, HOUR) > quotability(short, HOUR) > 0


def test_a_spanish_episode_gets_its_quote_though_its_lines_open_on_english_pointers():
    # "No es…", "No hay…": read as English, every line of quote length would be taken as pointing back.
    sentences = [
        "No es el modelo más grande el que gana, sino el que tiene los mejores datos de entrenamiento.",
        "No hay atajos cuando se trata de limpiar los datos antes de entrenar un modelo nuevo.",
        "No basta con medir la precisión del modelo, también hay que medir cuánto cuesta cada respuesta.",
        "No conviene desplegar un modelo sin saber cómo se comporta con datos que nunca ha visto.",
        "No todos los equipos necesitan entrenar su propio modelo desde cero para resolver su problema.",
        "No sirve de mucho un modelo preciso si nadie en la empresa entiende cómo usar sus respuestas.",
        "Los datos de entrenamiento deciden casi todo.",
        "El coste de cada respuesta importa mucho.",
        "Los equipos pequeños pueden usar modelos abiertos.",
        "La evaluación continua evita sorpresas caras.",
    ]
    transcript = Transcript(
        language="es",
        segments=[
            Segment(start=i * 30.0, end=i * 30.0 + 28, text=t, speaker="Ana") for i, t in enumerate(sentences)
        ],
        source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER, format="srt"),
    )
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Datos")
    episode = Episode(episode_id="e", feed_id="f", title="Modelos y datos de entrenamiento")
    quote = ExtractiveSummarizer().summarize(feed, episode, transcript).favorite_quote
    assert quote is not None
    assert quote.verified
    assert quote.text in sentences[:6]
