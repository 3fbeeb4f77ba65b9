"""Stop words follow the episode's language: English lists for English, learnt from the text otherwise."""

from podcast_digest.summarization.extractive.vocabulary import (
    is_english,
    learnt_stop_words,
    stem,
    stop_words_for,
    words,
)

GERMAN_PARTS = [
    "Die Kaltstarts sind ein Problem, und die Funktion braucht dann mehr Zeit als der Nutzer erwartet.",
    "Die Kosten der Funktion hängen von der Laufzeit ab, und der Speicher spielt auch eine Rolle.",
    "Die Tests laufen in einer eigenen Umgebung, und der Aufbau dauert nur wenige Minuten.",
    "Die Beobachtbarkeit ist wichtig, und der Trace zeigt die langsame Datenbank.",
]


def test_english_is_recognised_from_the_language_tag_or_from_the_text():
    assert is_english("en-US", [])
    assert is_english("EN", GERMAN_PARTS)  # the tag wins
    assert not is_english("de", ["the cold start is the problem"])
    assert is_english(None, ["the cold start is the problem and we have to measure it"])
    assert not is_english(None, GERMAN_PARTS)


def test_english_stop_words_include_the_words_of_conversation():
    stop = stop_words_for("en", [])
    assert {"the", "yeah", "gonna", "don't", "kinda"} <= stop
    assert "concurrency" not in stop


def test_another_language_gets_stop_words_learnt_from_its_own_text():
    stop = stop_words_for(None, GERMAN_PARTS)
    assert {"die", "und", "der"} <= stop
    assert "kaltstarts" not in stop
    assert "the" not in stop


def test_learnt_stop_words_of_nothing_are_empty():
    assert learnt_stop_words([]) == frozenset()


def test_words_keep_apostrophes_and_stems_only_strip_plurals():
    assert words("Don’t STOP believing, it's fine") == ["don't", "stop", "believing", "it's", "fine"]
    assert [stem(w) for w in ["starts", "queries", "class", "status", "team's", "analysis"]] == [
        "start",
        "query",
        "class",
        "status",
        "team",
        "analysis",
    ]


def test_a_language_tag_other_than_english_never_gets_the_english_list():
    english_parts = ["the cold start is the problem and we have to measure it"] * 3
    assert stop_words_for("de", english_parts) != stop_words_for("en", english_parts)
    assert "yeah" not in stop_words_for("de", english_parts)
