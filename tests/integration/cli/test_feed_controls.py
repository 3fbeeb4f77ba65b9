"""`feeds set` / `feeds show` as an operator types them: controls stored on the feed, bad input refused
with one line and exit code 1 (nothing changed), and a skip rule visible in `run` and `episodes list`."""

import pytest

from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context

from ..pipeline.conftest import VTT, write_feed


@pytest.fixture
def feed_id(cli, tmp_path):
    path = write_feed(
        tmp_path / "feed",
        [
            {
                "title": "Trailer: season two",
                "guid": "t1",
                "transcript": VTT,
                "date": "Tue, 02 Jun 2026 12:00:00 +0000",
            },
            {"title": "Balcony tomatoes", "guid": "ep1", "transcript": VTT},
        ],
    )
    assert cli("feeds", "add", str(path), "--backfill", "5").exit_code == 0
    return stored_feed(tmp_path).feed_id


def stored_feed(tmp_path):
    [feed] = build_context(load_settings(home=tmp_path / "home")).records.list_feeds()
    return feed


def test_set_stores_every_control_and_show_prints_them(cli, feed_id, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Name every tool the guests mention.\nKeep the tl;dr short.\n", encoding="utf-8")

    result = cli(
        "feeds", "set", feed_id[:8],
        "--language", "en-GB",
        "--summary-language", "de",
        "--instructions", f"@{notes}",
        "--skip-title", "^trailer",
        "--skip-title", r"\brerun\b",
        "--skip-longer-than", "2h",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    controls = stored_feed(tmp_path).controls
    assert controls.language == "en-GB"
    assert controls.summary_language == "de"
    assert controls.instructions == "Name every tool the guests mention.\nKeep the tl;dr short."
    assert controls.skip_title_patterns == ["^trailer", r"\brerun\b"]
    assert controls.skip_longer_than_seconds == 7200
    shown = cli("feeds", "show", feed_id[:8]).output
    for expected in (
        "English (en-GB)",
        "German (de)",
        "'^trailer'",
        "2h",
        "Name every tool the guests mention.",
    ):
        assert expected in shown, shown

    cleared = cli("feeds", "set", feed_id[:8], "--clear", "instructions", "--clear", "skip_title")
    assert cleared.exit_code == 0, cleared.output
    controls = stored_feed(tmp_path).controls
    assert controls.instructions is None
    assert controls.skip_title_patterns == []
    assert controls.language == "en-GB"  # what was not cleared stays


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--language", "xx"], "--language: unknown language code 'xx': use one of af, am,"),
        (["--summary-language", "elvish"], "--summary-language: unknown language code 'elvish'"),
        (["--skip-title", "([a-z]"], "--skip-title: skip pattern '([a-z]' is not a valid regex"),
        (["--skip-title", "(a+)+$"], "nests quantifiers"),
        (["--skip-longer-than", "soon"], "--skip-longer-than: 'soon' is not a duration"),
        (
            ["--instructions", "x" * 1001],
            "--instructions: instructions are 1001 characters; the limit is 1000",
        ),
        (["--clear", "budget"], "--clear 'budget': not a control"),
        ([], "nothing to set"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_changes_nothing(cli, feed_id, tmp_path, args, says):
    assert cli("feeds", "set", feed_id[:8], "--language", "fr").exit_code == 0

    result = cli("feeds", "set", feed_id[:8], *args)

    assert result.exit_code == 1
    assert says in result.output
    assert result.output.count("\n") == 1, result.output
    assert "Traceback" not in result.output
    assert stored_feed(tmp_path).controls.language == "fr"


def test_a_skip_rule_shows_in_run_and_episodes_list_and_retry_takes_it_up(cli, feed_id):
    assert cli("feeds", "set", feed_id[:8], "--skip-title", "^trailer").exit_code == 0

    ran = cli("run")

    assert ran.exit_code == 0, ran.output
    assert "title matches skip pattern '^trailer'" in ran.output
    assert "1 digested and sent" in ran.output
    assert "1 skipped by feed rules" in ran.output
    listing = cli("episodes", "list").output
    [row] = [line for line in listing.splitlines() if "Trailer: season two" in line]
    assert "skipped" in row
    assert "by the feed's rule: title matches skip pattern '^trailer'" in row
    episode_id = row.split()[1]

    retried = cli("episodes", "retry", episode_id)  # the operator overrides the rule for this one

    assert retried.exit_code == 0, retried.output
    assert "notified" in retried.output


def test_run_says_in_one_line_each_what_the_extractive_summarizer_cannot_honour(cli, feed_id):
    assert (
        cli("feeds", "set", feed_id[:8], "--summary-language", "de", "--instructions", "Be brief.").exit_code
        == 0
    )

    ran = cli("run")

    assert ran.exit_code == 0, ran.output
    notes = [line for line in ran.output.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2, ran.output  # two episodes, each note said once
    assert any("German (de)" in n and "cannot translate" in n for n in notes)
    assert any("cannot follow them" in n for n in notes)


def test_a_pin_the_default_offline_model_cannot_hear_is_said_at_set_time(cli, feed_id):
    pinned = cli("feeds", "set", feed_id[:8], "--language", "de")
    assert pinned.exit_code == 0, pinned.output
    assert "German (de): offline and OpenAI get de, Amazon Transcribe de-DE" in pinned.output
    assert "note: the offline model (tiny.en) knows only English" in pinned.output

    english = cli("feeds", "set", feed_id[:8], "--language", "en-GB")
    assert "knows only English" not in english.output
    shown = cli("feeds", "show", feed_id[:8])
    assert "Amazon Transcribe en-GB" in shown.output
