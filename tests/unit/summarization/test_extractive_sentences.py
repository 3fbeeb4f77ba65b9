"""Sentences of a transcript part: verbatim raw wording, cleaned wording, speaker and start time."""

from podcast_digest.summarization.extractive.sentences import clean_sentence, split_section
from podcast_digest.summarization.sections import split_sections
from tests.unit.summarization.transcripts import make_transcript


def _sentences(rows):
    (section,) = split_sections(make_transcript(rows))
    return split_section(section)


def test_sentences_continue_across_caption_cues_and_start_at_their_cue():
    found = _sentences(
        [
            (0.0, 3.0, "Cold starts happen when the platform", None),
            (3.0, 6.0, "creates an environment. Provisioned concurrency", None),
            (6.0, 9.0, "keeps environments warm!", None),
        ]
    )
    assert [s.raw for s in found] == [
        "Cold starts happen when the platform creates an environment.",
        "Provisioned concurrency keeps environments warm!",
    ]
    assert [s.start for s in found] == [0.0, 3.0]
    assert [s.position for s in found] == [0, 1]


def test_a_sentence_never_crosses_a_change_of_speaker():
    found = _sentences(
        [(0, 2, "So what do you think about", "Host"), (2, 4, "Tracing is essential.", "Guest")]
    )
    assert [(s.raw, s.speaker) for s in found] == [
        ("So what do you think about", "Host"),
        ("Tracing is essential.", "Guest"),
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    found = _sentences(
        [(0, 5, "Dr. Smith met J. R. Jones in the U.S. yesterday. They talked e.g. about tests.", None)]
    )
    assert [s.raw for s in found] == [
        "Dr. Smith met J. R. Jones in the U.S. yesterday.",
        "They talked e.g. about tests.",
    ]


def test_talk_without_punctuation_is_cut_into_sentence_sized_pieces():
    words = (
        "we started with a monolith on one server and it worked fine for years so then we moved "
        "the billing part into functions because the load was spiky but the cold starts hurt the "
        "checkout page and i think we should have measured first yeah we learned that the hard way"
    )
    cues = words.split()
    rows = [(i * 1.0, i + 1.0, " ".join(cues[i * 3 : i * 3 + 3]), None) for i in range(len(cues) // 3 + 1)]
    found = _sentences([r for r in rows if r[2]])
    assert len(found) >= 3
    assert all(5 <= len(s.raw.split()) <= 32 for s in found)
    assert not any(s.punctuated for s in found)
    assert " ".join(s.raw for s in found) == words


def test_cleaning_removes_fillers_stage_notes_and_stutters_but_raw_keeps_them():
    raw = "Um, so, you know, the the key is \\[laughs\\] to uh measure first."
    (sentence,) = _sentences([(0, 4, raw, None)])
    assert sentence.raw == raw
    assert sentence.clean == "The key is to measure first."


def test_leading_discourse_markers_go_and_the_first_letter_is_capitalised():
    assert clean_sentence("yeah, exactly, basically the cache was cold.") == "The cache was cold."
    assert clean_sentence("[music]") == ""


def test_run_on_sentences_are_cut_at_clause_boundaries():
    clause = "the function reads the event and writes the result to the table"
    raw = f"{clause}; {clause}; {clause}; {clause}; {clause}."
    found = _sentences([(0, 30, raw, None)])
    assert len(found) >= 2
    assert all(len(s.raw.split()) <= 55 for s in found)
