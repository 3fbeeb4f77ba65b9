"""Every string the model returns is cleaned in code: one plain line, no shouting, no foreign links."""

from podcast_digest.summarization.llm.cleaning import Cleaner, SourceCasing, unshout

SOURCE = "Mark Russinovich is the CTO of Azure. The AI red team at Microsoft attacks models with PyRIT."


def cleaner(allowed: set[str] | None = None) -> Cleaner:
    return Cleaner(allowed or set(), SourceCasing(SOURCE))


def test_text_shouted_in_capitals_gets_the_sources_casing_back():
    shouted = "MARK RUSSINOVICH SAYS THE AI RED TEAM AT MICROSOFT ATTACKS MODELS WITH PYRIT."
    assert (
        cleaner().line(shouted)
        == "Mark Russinovich says the AI red team at Microsoft attacks models with PyRIT."
    )


def test_ordinary_text_with_acronyms_is_left_alone():
    text = "The AI red team uses PyRIT and GPU clusters."
    assert unshout(text, SourceCasing(SOURCE)) == text


def test_markup_and_line_breaks_are_flattened_to_one_plain_line():
    line = cleaner().line("# NEW FORMAT\n- **Red teaming** <b>matters</b> | table |\n1. `code`")
    assert line == "NEW FORMAT Red teaming matters table code"


def test_control_characters_are_dropped():
    assert cleaner().line("Red\x00 team\x1b[31m works") == "Red team [31m works"


def test_foreign_links_are_removed_but_source_links_stay():
    c = cleaner({"azure.microsoft.com"})
    assert c.line("Read azure.microsoft.com, not https://evil.example/x.") == "Read azure.microsoft.com, not."


def test_long_text_is_cut_at_a_word_with_an_ellipsis():
    line = cleaner().line("word " * 200, limit=50)
    assert len(line) <= 51
    assert line.endswith("…")
    assert "wor…" not in line


def test_lines_drops_empty_and_duplicate_items_and_keeps_at_most_the_limit():
    c = cleaner()
    assert c.lines(["A idea.", "  ", "a idea.", "https://evil.example", "B idea.", "C idea."], most=2) == [
        "A idea.",
        "B idea.",
    ]


def test_a_shouted_link_is_recognised_once_unshouted_and_removed_if_foreign():
    c = cleaner({"talkpython.fm/youtube"})
    line = c.line("WATCH AT TALKPYTHON.FM/YOUTUBE AND CLAIM YOUR PRIZE AT EVIL.COM TODAY.")
    assert "evil" not in line.lower()
    assert "talkpython.fm/youtube" in line
