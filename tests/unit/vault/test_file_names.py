"""Note names every file system takes, the same bytes for the same title, never a path or a device."""

import unicodedata
from datetime import date

import pytest

from podcast_digest.vault.file_names import MAX_SLUG_BYTES, note_names, note_stem, podcast_folder, slug

FORBIDDEN = set('<>:"/\\|?*.') | {chr(c) for c in range(32)}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Épisode 12: ça marche?", "épisode-12-ça-marche"),
        ("Practical AI #100: a milestone", "practical-ai-100-a-milestone"),
        ("../../etc/passwd", "etc-passwd"),
        ('CON<>:"|?*\\/', "con"),
        ("Straße", "strasse"),  # case-folded: 'STRASSE' and 'Straße' are one name on macOS and Windows
        ("ＦＵＬＬ　ＷＩＤＴＨ", "full-width"),  # NFKC
        ("播客 第一集", "播客-第一集"),
        ("हिन्दी पॉडकास्ट", "हिन्दी-पॉडकास्ट"),  # combining vowel signs stay with their letters
        ("\u202eevil\u202c\u200b.md", "evil-md"),
        ("   ", ""),
    ],
)
def test_slugs(title, expected):
    assert slug(title) == expected


def test_composed_and_decomposed_titles_give_the_same_name():
    title = "Café crème"
    assert slug(unicodedata.normalize("NFC", title)) == slug(unicodedata.normalize("NFD", title))
    assert slug("CAFÉ") == slug("café")


@pytest.mark.parametrize("title", ["a" * 1000, "é" * 1000, "播" * 1000, "a🎙" * 1000, "e\u0301" * 500])
def test_a_long_title_is_bounded_in_characters_and_bytes(title):
    name = note_names(note_stem(date(2020, 8, 10), title), "2dd42c64c89795c6dd78")[2]
    assert len(slug(title).encode()) <= MAX_SLUG_BYTES
    assert len(name.encode()) <= 255
    assert not unicodedata.category(slug(title)[0]).startswith("M")


@pytest.mark.parametrize("title", ["con", "NUL", "com1", "LPT9", "Aux", "com²"])
def test_windows_device_names_never_name_a_folder(title):
    assert podcast_folder(title, "e1e1e8d1244386756cdf") == f"{slug(title)}-podcast"


def test_names_hold_no_character_a_file_system_refuses():
    hostile = 'a:b?c*d<e>f|g"h\\i/j\x00k\x1fl.m '
    for name in [note_stem(None, hostile), podcast_folder(hostile, "feed")]:
        assert not set(name) & FORBIDDEN, name
        assert name == name.strip()
        assert not name.startswith(".")


def test_stems_start_with_the_date_and_an_untitled_episode_still_has_a_name():
    assert note_stem(date(2020, 6, 1), "10 things") == "2020-06-01-10-things"
    assert note_stem(None, "") == "undated-episode"
    assert podcast_folder("", "e1e1e8d1244386756cdf") == "podcast-e1e1e8d1"


def test_two_episodes_with_one_title_have_distinct_alternatives():
    stem = note_stem(date(2020, 6, 1), "Trailer")
    first, second = note_names(stem, "aaaaaaaa11"), note_names(stem, "bbbbbbbb22")
    assert first[0] == second[0]
    assert first[1] != second[1]
    assert first[2] != second[2]
