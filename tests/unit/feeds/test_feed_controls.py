"""A feed's controls, validated at the boundary: language pins from one table, the operator's
instructions cleaned and bounded, skip patterns that compile and cannot backtrack for ever."""

import re

import pytest
from pydantic import ValidationError

from podcast_digest.models import Feed, FeedControls
from podcast_digest.models.feed_controls import (
    MAX_INSTRUCTIONS_CHARS,
    check_skip_pattern,
    describe_duration,
    parse_duration,
)
from podcast_digest.models.languages import (
    LANGUAGE_NAMES,
    TRANSCRIBE_DEFAULT,
    TRANSCRIBE_REGIONAL,
    language_name,
    normalise_language,
    transcribe_code,
    whisper_code,
)


@pytest.mark.parametrize(
    ("given", "pin", "whisper", "transcribe"),
    [
        ("de", "de", "de", "de-DE"),
        ("DE-de", "de", "de", "de-DE"),
        ("en_GB", "en-GB", "en", "en-GB"),
        ("pt-br", "pt-BR", "pt", "pt-BR"),
        ("yue", "yue", "yue", "zh-HK"),
        ("la", "la", "la", None),  # Whisper knows Latin; Transcribe has no model for it
    ],
)
def test_a_pin_is_held_in_one_form_and_mapped_to_each_engine(given, pin, whisper, transcribe):
    assert normalise_language(given) == pin
    assert whisper_code(pin) == whisper
    assert transcribe_code(pin) == transcribe


@pytest.mark.parametrize("code", ["xx", "english", "en-XX", "de-AT", "", "e"])
def test_an_unknown_code_is_refused_with_the_list_of_valid_ones(code):
    with pytest.raises(ValueError, match="unknown language code") as refused:
        normalise_language(code)
    assert "de, el, en, es" in str(refused.value)
    assert "en-GB" in str(refused.value)


def test_the_table_is_whisper_s_own_list():
    tokenizer = pytest.importorskip("faster_whisper.tokenizer", reason="faster-whisper is not installed")
    assert set(LANGUAGE_NAMES) == set(tokenizer._LANGUAGE_CODES)


def test_every_transcribe_code_in_the_table_is_one_transcribe_takes():
    botocore_session = pytest.importorskip("botocore.session", reason="botocore is not installed")
    model = botocore_session.get_session().get_service_model("transcribe")
    accepted = set(model.shape_for("LanguageCode").enum)
    assert set(TRANSCRIBE_DEFAULT.values()) <= accepted
    assert set(TRANSCRIBE_REGIONAL) <= accepted
    assert set(TRANSCRIBE_DEFAULT) <= set(LANGUAGE_NAMES)


def test_controls_validate_languages_at_the_boundary():
    controls = FeedControls(language="EN-gb", summary_language="fr")
    assert (controls.language, controls.summary_language) == ("en-GB", "fr")
    assert language_name("en-GB") == "English (en-GB)"
    with pytest.raises(ValidationError, match="unknown language code 'klingon'"):
        FeedControls(summary_language="klingon")


def test_instructions_lose_control_and_invisible_characters_but_keep_lines():
    text = "Focus on\x1b[31m the\u202e practical\r\n\r\n\r\n\r\nparts\x00.\tThanks\u200b"
    cleaned = FeedControls(instructions=text).instructions
    assert cleaned == "Focus on[31m the practical\n\nparts.\tThanks"
    assert FeedControls(instructions=" \x07 \n ").instructions is None


def test_instructions_over_the_limit_are_refused_not_cut():
    FeedControls(instructions="x" * MAX_INSTRUCTIONS_CHARS)
    with pytest.raises(ValidationError, match=f"the limit is {MAX_INSTRUCTIONS_CHARS}"):
        FeedControls(instructions="x" * (MAX_INSTRUCTIONS_CHARS + 1))


@pytest.mark.parametrize(
    "pattern",
    ["trailer", "^best of", r"\brerun\b", "(teaser|trailer|preview)", r"part \d+ of \d+", "(ab){2,5}"],
)
def test_ordinary_patterns_are_accepted(pattern):
    check_skip_pattern(pattern)


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("([a-z]", "not a valid regex"),
        ("(a+)+$", "nests quantifiers"),
        ("(a*)*b", "nests quantifiers"),
        (r"(\w+\s?)+$", "nests quantifiers"),
        ("(a|aa)+$", "repeats a group of alternatives"),
        ("(?:x+){2,}", "nests quantifiers"),
        (".*a.*b.*c.*d", "unbounded quantifiers"),
        (".*a.*b.*c", "3 unbounded quantifiers"),
        (r"(a)\1*", "backreference"),
        ("", "empty"),
        ("x" * 201, "at most 200"),
    ],
)
def test_invalid_or_catastrophic_patterns_are_refused_with_the_reason(pattern, why):
    with pytest.raises(ValueError, match=re.escape(why)):
        check_skip_pattern(pattern)
    with pytest.raises(ValidationError, match=re.escape(why)):
        FeedControls(skip_title_patterns=[pattern])


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2h", 7200),
        ("90m", 5400),
        ("1h30m", 5400),
        ("45s", 45),
        ("1:30:00", 5400),
        ("5400", 5400),
        ("12:35", 755),
    ],
)
def test_durations_read_as_people_write_them(text, seconds):
    assert parse_duration(text) == seconds
    assert FeedControls(skip_longer_than_seconds=text).skip_longer_than_seconds == seconds


@pytest.mark.parametrize("text", ["soon", "2 hours", "h", "-5", "1.5h", ""])
def test_a_duration_that_is_not_one_is_refused(text):
    with pytest.raises(ValidationError):
        FeedControls(skip_longer_than_seconds=text)


def test_a_zero_duration_is_refused():
    with pytest.raises(ValidationError, match="between 1s and 168h"):
        FeedControls(skip_longer_than_seconds="0")


def test_durations_are_described_compactly():
    assert describe_duration(5400) == "1h30m"
    assert describe_duration(7200) == "2h"
    assert describe_duration(754.6) == "12m34s"


def test_a_feed_stored_before_controls_existed_reads_with_none_and_round_trips_them():
    old = Feed.model_validate_json('{"feed_id": "f1", "url": "https://example.org/feed.xml"}')
    assert old.controls.is_empty()
    feed = old.model_copy(
        update={
            "controls": FeedControls(
                language="de", skip_title_patterns=["trailer"], skip_longer_than_seconds=60
            )
        }
    )
    again = Feed.model_validate_json(feed.model_dump_json())
    assert again.controls == feed.controls
    assert not again.controls.is_empty()


def test_a_stored_feed_with_a_bad_pattern_does_not_load_silently():
    # Controls are validated on every read, so a hand-edited record cannot smuggle a catastrophic regex in.
    with pytest.raises(ValidationError, match="nests quantifiers"):
        Feed.model_validate(
            {
                "feed_id": "f1",
                "url": "https://example.org/feed.xml",
                "controls": {"skip_title_patterns": ["(a+)+"]},
            }
        )
