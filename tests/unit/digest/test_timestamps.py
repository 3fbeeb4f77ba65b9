"""Timestamps read like a player's clock and link to that second of http(s) audio only."""

import pytest

from podcast_digest.digest.outline import duration_label
from podcast_digest.digest.timestamps import audio_link, format_timestamp, safe_web_url


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0:00"),
        (5, "0:05"),
        (245, "4:05"),
        (245.99, "4:05"),
        (750, "12:30"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
        (36000 + 61, "10:01:01"),
    ],
)
def test_format_timestamp_shows_minutes_and_seconds_and_hours_only_when_needed(seconds, shown):
    assert format_timestamp(seconds) == shown


@pytest.mark.parametrize("nonsense", [-3, float("nan"), float("inf")])
def test_format_timestamp_shows_zero_for_impossible_times(nonsense):
    assert format_timestamp(nonsense) == "0:00"


def test_audio_link_appends_whole_seconds_as_a_media_fragment():
    assert audio_link("https://media.example.com/ep.mp3", 245.7) == "https://media.example.com/ep.mp3#t=245"
    assert audio_link("http://media.example.com/ep.mp3?x=1", 0) == "http://media.example.com/ep.mp3?x=1#t=0"


def test_audio_link_replaces_a_fragment_the_url_already_had():
    assert audio_link("https://media.example.com/ep.mp3#t=10", 60) == "https://media.example.com/ep.mp3#t=60"


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        " javascript:alert(1)",
        "data:audio/mpeg;base64,AAAA",
        "file:///etc/passwd",
        "ftp://media.example.com/ep.mp3",
        "/relative/ep.mp3",
        "//media.example.com/ep.mp3",
        "https://",
        "https://media.example.com/ep.mp3\r\nSet-Cookie: x=1",
        "https://media.example.com/a b.mp3",
    ],
)
def test_audio_link_is_none_for_anything_but_an_absolute_http_url(url):
    assert audio_link(url, 30) is None


def test_safe_web_url_quotes_characters_that_could_break_out_of_markup():
    url = safe_web_url('https://media.example.com/ep"><script>(1).mp3')
    assert url is not None
    assert not any(c in url for c in '"<>() ')
    assert url.startswith("https://media.example.com/ep%22%3E%3Cscript%3E")


@pytest.mark.parametrize(
    ("seconds", "label"),
    [(None, None), (0, None), (20, "20 s"), (2880, "48 min"), (6480, "1 h 48 min"), (11610, "3 h 14 min")],
)
def test_an_episode_length_reads_in_hours_and_minutes(seconds, label):
    assert duration_label(seconds) == label
