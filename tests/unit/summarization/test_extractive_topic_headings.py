"""Key Ideas topics are phrases several ideas say, wherever in the talk; their bullets concern them.

Sentences in the shape of The Changelog #594 (hallucination, Copilot) and Practical AI #100 (asides).
"""

import numpy as np

from podcast_digest.summarization.extractive.headings import heading_for, heading_said_most, word_said_most
from podcast_digest.summarization.extractive.idea_picking import (
    episode_topics,
    ideas_on_the_heading_said_most,
    topic_ideas,
)
from podcast_digest.summarization.extractive.phrases import PhraseBook
from podcast_digest.summarization.extractive.ranking import SentenceSpace, similarity
from podcast_digest.summarization.extractive.topics import is_topic
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS

SENTENCES = [
    "Hallucination is inherent in how the transformer predicts the next token.",  # 0
    "GitHub Copilot suggests the rest of the function as you type.",  # 1
    "Retrieval-augmented generation is how people combat hallucination today.",  # 2
    "The weather in Redmond was grey all week.",  # 3
    "A grounding check flags an answer that is not in the data as a hallucination.",  # 4
    "Copilot chat answers questions about the code in your editor.",  # 5
    "The conference badge had a QR code on the back.",  # 6
    "Copilot writes a first draft of the pull request description.",  # 7
    "Agentic systems are limited by hallucination early in the workflow.",  # 8
    "The hotel served coffee until noon.",  # 9
]
# One idea about both topics.
BOTH = "Copilot still produces a hallucination when the context in the editor is thin."


def _inputs() -> tuple[PhraseBook, list[int], list[float], np.ndarray]:
    book = PhraseBook(SENTENCES, [k // 4 for k in range(len(SENTENCES))], ENGLISH_STOP_WORDS_PLUS)
    pool = list(range(len(SENTENCES)))
    space = SentenceSpace(SENTENCES, ENGLISH_STOP_WORDS_PLUS)
    return book, pool, [1.0] * len(pool), similarity(space.rows(pool))


def test_each_topic_is_a_phrase_its_ideas_say_and_no_idea_is_under_two():
    book, pool, weight, sim = _inputs()
    found = dict(episode_topics(book, pool, weight, sim, names=set(), wanted=6))
    assert set(found) == {"Hallucination", "Copilot"}
    assert found["Hallucination"] == [0, 2, 4, 8]
    assert found["Copilot"] == [1, 5, 7]
    # The weather, the badge and the coffee are about nothing the talk comes back to: no topic takes them.
    assert not {3, 6, 9} & {i for ideas in found.values() for i in ideas}


def test_an_idea_about_two_topics_is_shown_under_one_of_them():
    sentences = [*SENTENCES, BOTH]
    book = PhraseBook(sentences, [k // 4 for k in range(len(sentences))], ENGLISH_STOP_WORDS_PLUS)
    pool = list(range(len(sentences)))
    sim = similarity(SentenceSpace(sentences, ENGLISH_STOP_WORDS_PLUS).rows(pool))
    found = dict(episode_topics(book, pool, [1.0] * len(pool), sim, names=set(), wanted=6))
    assert set(found) == {"Hallucination", "Copilot"}
    assert not set(found["Hallucination"]) & set(found["Copilot"])
    assert 10 in found["Hallucination"] + found["Copilot"]


def test_a_phrase_two_ideas_share_takes_no_bullet_about_something_else():
    book, _pool, weight, sim = _inputs()
    # Two ideas say "Copilot"; the weather and the coffee do not concern it, so they may not fill its group.
    few = [1, 5, 3, 9]
    heading, ideas = topic_ideas(
        book, few, [weight[i] for i in few], sim[np.ix_(few, few)], names=set(), avoid=set()
    )
    assert (heading, ideas) == ("", [])


def test_a_speakers_name_heads_no_topic():
    book, pool, weight, sim = _inputs()
    found = dict(episode_topics(book, pool, weight, sim, names={"copilot"}, wanted=6))
    assert "Copilot" not in found


def test_an_in_depth_heading_names_what_most_of_its_ideas_say():
    sentences = [
        "Cold starts happen when the platform creates a fresh execution environment.",
        "A cold start adds latency because the runtime must load the code package first.",
        "With provisioned concurrency the cold start disappears, but you pay for warm environments.",
    ]
    book = PhraseBook(sentences, [0, 0, 0], ENGLISH_STOP_WORDS_PLUS)
    # "cold start" is cut into different word runs in each sentence, yet all three say it.
    assert heading_said_most(book, [0, 1, 2], names=set(), avoid=set()).casefold().startswith("cold start")
    assert heading_for(book, [0, 1, 2], names=set(), avoid=set())


def test_verbs_of_doing_and_done_things_are_no_topics():
    assert not is_topic("seeing deep learning")
    assert not is_topic("serialized version")
    assert not is_topic("degree")
    assert not is_topic("risk anytime soon")  # "we're not at risk anytime soon" names no topic
    for topic in ("machine learning", "training data", "building blocks", "provisioned concurrency"):
        assert is_topic(topic)


# A run of talk (Practical AI #100 shaped) whose ideas share no phrase, yet three of them say "singularity".
THIN_RUN = [
    "When the singularity does come about and it's self-aware, it's gonna start off depressed.",  # 0
    "GPT-3 just made a splash this summer on the tech Twitter and the VC Twitter.",  # 1
    "We can all go get a hammer from the hardware store.",  # 2
    "Nobody knows whether the singularity is ten years away or a hundred.",  # 3
    "Every technology gets used for good ends by most people.",  # 4
    "Talk of a singularity distracts from the harm biased models do today.",  # 5
    "There was stuff just coming out every day.",  # 6
]


def _thin_run() -> tuple[PhraseBook, list[int], list[float], np.ndarray]:
    book = PhraseBook(THIN_RUN, [0] * len(THIN_RUN), ENGLISH_STOP_WORDS_PLUS)
    pool = list(range(len(THIN_RUN)))
    return (
        book,
        pool,
        [1.0] * len(pool),
        similarity(SentenceSpace(THIN_RUN, ENGLISH_STOP_WORDS_PLUS).rows(pool)),
    )


def test_a_thin_topics_group_is_the_ideas_that_say_its_heading():
    book, pool, weight, sim = _thin_run()
    heading, ideas = ideas_on_the_heading_said_most(
        book, pool, THIN_RUN, weight, sim, names=set(), avoid=set()
    )
    assert heading == "Singularity"
    # The hammer, GPT-3 and "stuff coming out every day" are not about it: none of them is under it.
    assert ideas == [0, 3, 5]


def test_a_thin_topic_no_three_ideas_say_is_given_up_rather_than_filled():
    book, _pool, weight, sim = _thin_run()
    few = [0, 1, 2, 4, 6]  # one idea says "singularity"; the rest share no topic word
    heading, ideas = ideas_on_the_heading_said_most(
        book, few, [THIN_RUN[i] for i in few], weight[:5], sim[np.ix_(few, few)], names=set(), avoid=set()
    )
    assert (heading, ideas) == ("", [])


def test_the_word_most_ideas_say_heads_them_but_not_a_speakers_name_or_a_used_heading():
    assert word_said_most(THIN_RUN, names=set(), avoid=set()) == "Singularity"
    assert word_said_most(THIN_RUN, names={"singularity"}, avoid=set()) == ""
    assert word_said_most(THIN_RUN, names=set(), avoid={"singularity"}) == ""
    # Two ideas saying a name make a heading only when two are asked for (a group made up to three).
    two = [THIN_RUN[1], "Twitter threads spread the demo within a day.", THIN_RUN[2]]
    assert word_said_most(two, names=set(), avoid=set()) == ""
    assert word_said_most(two, names=set(), avoid=set(), least=2) == "Twitter"
