"""Front matter is our own YAML: any string comes back from a YAML parser as the same string."""

from datetime import date

import pytest
import yaml

from podcast_digest.vault.front_matter import front_matter, quoted, summary_id_of

HOSTILE = [
    "---",
    "title: injected\n---\n# Heading",
    "a: b",
    "# not a comment",
    "!!python/object/apply:os.system ['echo owned']",
    "!<tag:yaml.org,2002:python/object/apply:os.system> x",
    "1:08:00",  # a sexagesimal integer in YAML 1.1
    "yes",
    "null",
    "~",
    "0x1F",
    "2020-08-10",
    "*alias",
    "&anchor x",
    "{a: 1}",
    "[1, 2]",
    "%TAG ! tag:example.com,2000:",
    '"quoted" and \\backslash\\',
    "tab\there and CR\r and NUL\0 and ESC\x1b[31m",
    "next line\x85 line sep\u2028 para sep\u2029 bom\ufeff",
    "emoji 🎙️ and RTL \u202eevil\u202c and zero width\u200b",
    " leading and trailing spaces ",
    "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_string_stays_data(text):
    loaded = yaml.safe_load(f"value: {quoted(text)}\n")
    assert loaded == {"value": text}


def test_a_lone_surrogate_becomes_the_replacement_character():
    half_pair = "a\ud800b"
    assert yaml.safe_load(f"v: {quoted(half_pair)}") == {"v": "a\ufffdb"}


def test_a_whole_block_round_trips_with_lists_dates_and_nulls():
    fields = {
        "summary_id": "ep-3f9a1c2b7d",
        "episode": HOSTILE[1],
        "date": date(2020, 8, 10),
        "duration_seconds": 4080,
        "audio_url": None,
        "speakers": [],
        "tags": ["podcast", "!!binary AAAA"],
    }
    block = front_matter(fields)
    assert block.startswith("---\n")
    assert block.endswith("\n---\n")
    assert block.count("\n---\n") == 1  # a title holding '---' never closes the block
    assert yaml.safe_load(block[4:-4]) == fields


def test_a_key_that_is_not_ours_is_refused():
    with pytest.raises(ValueError, match="keys are our own"):
        front_matter({"title: x\nevil": "y"})


def test_the_summary_id_is_read_back_from_the_first_line_only():
    ours = front_matter({"summary_id": "2dd42c64c89795c6dd78", "podcast": "x"}).encode()
    assert summary_id_of(ours) == "2dd42c64c89795c6dd78"
    assert summary_id_of(b'# My own note\nsummary_id: "2dd42c64c89795c6dd78"\n') is None
    assert summary_id_of(b'---\ntitle: "mine"\nsummary_id: "2dd42c64c89795c6dd78"\n---\n') is None
    assert summary_id_of(b'---\nsummary_id: "../../etc"\n---\n') is None
    assert summary_id_of(b"\xff\xfe---\n") is None
