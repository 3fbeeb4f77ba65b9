"""Quotes are verified against the transcript and come back verbatim, with speaker and time."""

from podcast_digest.summarization.quotes import QuoteIndex, find_quote, normalise
from tests.unit.summarization.transcripts import make_transcript

TRANSCRIPT = make_transcript(
    [
        (0.0, 4.0, "Welcome back to the show.", "Host"),
        (4.0, 9.5, "So I’d say: “Cold starts” aren't the problem", "Guest"),
        (9.5, 14.0, "— it's the real-time, provisioned concurrency bill!", "Guest"),
        (14.0, 18.0, "Straße and café are words too.", "Host"),
    ]
)


def test_a_quote_found_across_segments_comes_back_verbatim_with_speaker_and_time():
    quote = find_quote(
        TRANSCRIPT,
        "\"I'd say cold starts aren't the problem, it's the real time provisioned concurrency bill!\"",
    )
    assert quote is not None
    assert (
        quote.text
        == "I’d say: “Cold starts” aren't the problem — it's the real-time, provisioned concurrency bill!"
    )
    assert quote.speaker == "Guest"
    assert quote.start_seconds == 4.0
    assert quote.verified is True


def test_case_whitespace_and_quote_styles_do_not_matter():
    quote = find_quote(TRANSCRIPT, "WELCOME   back to THE show")
    assert quote is not None
    assert quote.text == "Welcome back to the show"
    assert quote.speaker == "Host"
    assert quote.start_seconds == 0.0


def test_closing_punctuation_is_kept_when_the_candidate_has_it():
    assert find_quote(TRANSCRIPT, "welcome back to the show.").text == "Welcome back to the show."


def test_an_invented_quote_is_not_found():
    assert find_quote(TRANSCRIPT, "Cold starts are the whole problem") is None
    assert find_quote(TRANSCRIPT, "welcome back to the shows") is None  # partial word at the end
    assert find_quote(TRANSCRIPT, "elcome back to the show") is None  # partial word at the start


def test_a_candidate_too_short_to_be_a_quote_is_refused():
    assert find_quote(TRANSCRIPT, "") is None
    assert find_quote(TRANSCRIPT, "   ...  ") is None
    assert find_quote(TRANSCRIPT, "the") is None


def test_non_ascii_letters_are_matched_case_insensitively():
    quote = find_quote(TRANSCRIPT, "STRASSE and CAFÉ are words too")
    assert quote is not None
    assert quote.text == "Straße and café are words too"


def test_normalise_drops_apostrophes_and_folds_punctuation_to_spaces():
    assert normalise("Don’t  STOP—believing!") == "dont stop believing"


def test_an_index_built_once_answers_many_lookups_on_a_three_hour_transcript():
    # About three hours of talk: 2,000 segments of 15 words.
    rows = [
        (
            i * 5.4,
            (i + 1) * 5.4,
            f"segment {i} says something about topic {i % 97} and moves on quickly",
            None,
        )
        for i in range(2000)
    ]
    rows.append((10800.0, 10805.0, "The needle sits at the very end of the haystack.", "Guest"))
    transcript = make_transcript(rows)
    index = QuoteIndex(transcript)
    found = index.find("the needle sits at the very end of the haystack")
    missing = [index.find(f"an invented sentence number {i} nobody said") for i in range(50)]
    assert found is not None
    assert found.start_seconds == 10800.0
    assert missing == [None] * 50


def _per_character_index(transcript):
    """The index as first written: one origin per normalised character (simple, and ~35x the
    transcript in memory). The run-length index must agree with it wherever a match can start or end."""
    from podcast_digest.summarization import quotes

    segments = [s for s in transcript.segments if s.text.strip()]
    joined = " ".join(quotes.unicodedata.normalize("NFC", s.text.strip()) for s in segments)
    normal, origin, pending = [], [], False
    for position, char in enumerate(joined):
        for folded in quotes._fold(char):
            if folded == " ":
                pending = bool(normal)
                continue
            if pending:
                normal.append(" ")
                origin.append(position)
                pending = False
            normal.append(folded)
            origin.append(position)
    return "".join(normal), origin


def test_the_compact_index_maps_every_character_as_a_per_character_index_does_in_a_long_messy_transcript():
    lines = [
        "Well — it's the “real-time” bill, isn't it?!",
        "Straße, café and naïve (NFD: cafe\u0301) all count...",
        "  Numbers: 3.14, 2,000 and 100%;   spaces   and\ttabs.  ",
        "O’Brien's   dog's  toys' — ‘quoted’ «guillemets»",
        "日本語の文章も、ちゃんと。 Mixed with English words here.",
    ]
    # ~3,000 segments: well past the 65,536 characters at which the index joins a piece.
    rows = [(n * 2.0, n * 2.0 + 2, f"{lines[n % len(lines)]} line {n}", f"S{n % 3}") for n in range(3000)]
    transcript = make_transcript(rows)
    index = QuoteIndex(transcript)
    normal, origin = _per_character_index(transcript)

    assert len(normal) > 2 * 65536
    assert index._normal == normal
    mismatched = [k for k, char in enumerate(normal) if char != " " and index._origin(k) != origin[k]]
    assert mismatched == []
    quote = index.find("STRASSE café and naïve NFD café all count line 2501")
    assert quote is not None
    assert quote.text == "Straße, café and naïve (NFD: café) all count... line 2501"
    assert (quote.speaker, quote.start_seconds) == ("S2", 5002.0)
