"""`podcast-digest costs`: spend by month and feed from the ledger (figures on a known set of
episodes), `costs budget FEED AMOUNT|none`, and `run` naming what waits for the budget."""

from datetime import UTC, datetime

from podcast_digest.models import CostEntry, CostStep, Episode, Feed
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.feed_server import Route

AT = datetime(2026, 11, 5, tzinfo=UTC)


def seed(home) -> None:
    """Two feeds' November and one December: paid speech to text, LLM summaries, a publisher transcript."""
    records = build_context(load_settings(home=home)).records
    records.put_feed(Feed(feed_id="aaaa1111", url="https://a.example/feed.xml", title="Alpha Talks"))
    records.put_feed(Feed(feed_id="bbbb2222", url="https://b.example/feed.xml", title="Beta Hour"))
    known = [
        ("ep-a1", "aaaa1111", "2026-11", CostStep.TRANSCRIPTION, 0.18, 0.0, 3600),
        ("ep-a1", "aaaa1111", "2026-11", CostStep.SUMMARY, 0.0123, 0.0, 0),
        ("ep-a2", "aaaa1111", "2026-11", CostStep.TRANSCRIPTION, 0.09, 0.0, 1800),
        ("ep-b1", "bbbb2222", "2026-11", CostStep.TRANSCRIPTION, 0.0, 0.135, 2700),  # publisher transcript
        ("ep-b1", "bbbb2222", "2026-11", CostStep.SUMMARY, 0.0051, 0.0, 0),
        ("ep-a3", "aaaa1111", "2026-12", CostStep.TRANSCRIPTION, 0.5, 0.0, 10000),
    ]
    for episode, feed, month, step, usd, saved, seconds in known:
        records.put_cost(
            CostEntry(
                episode_id=episode,
                feed_id=feed,
                step=step,
                month=month,
                usd=usd,
                saved_usd=saved,
                audio_seconds=seconds,
                recorded_at=AT,
            )
        )


def row(output: str, name: str) -> list[str]:
    [line] = [line for line in output.splitlines() if name in line]
    return [cell.strip() for cell in line.strip(" │|┃").replace("┃", "│").split("│")]


def test_costs_shows_spend_by_feed_with_what_publisher_transcripts_saved(cli, home, monkeypatch):
    seed(home)
    monkeypatch.setenv("PODCAST_DIGEST_MONTHLY_BUDGET_USD", "1")

    shown = cli("costs", "--month", "2026-11")

    assert shown.exit_code == 0, shown.output
    assert "spend in 2026-11" in shown.output
    assert row(shown.output, "Alpha Talks") == ["Alpha Talks", "2", "0.2700", "0.0123", "0.2823", "-", "-"]
    assert row(shown.output, "Beta Hour") == [
        "Beta Hour",
        "1",
        "0.0000",
        "0.0051",
        "0.0051",
        "-",
        "0.1350 (45 min)",
    ]
    assert row(shown.output, "all feeds") == [
        "all feeds",
        "3",
        "0.2700",
        "0.0174",
        "0.2874",
        "-",
        "0.1350 (45 min)",
    ]
    assert "install-wide: $0.2874 of $1.00 spent, $0.7126 left" in shown.output

    december = cli("costs", "--month", "2026-12", "--feed", "aaaa1111")
    assert row(december.output, "Alpha Talks")[1:5] == ["1", "0.5000", "0.0000", "0.5000"]
    assert "Beta Hour" not in december.output


def test_a_feed_budget_is_set_shown_and_lifted(cli, home):
    seed(home)

    assert cli("costs", "budget", "aaaa1111", "2.5").exit_code == 0
    assert row(cli("costs", "--month", "2026-11").output, "Alpha Talks")[5] == "2.50"
    assert build_context(load_settings(home=home)).records.get_feed("aaaa1111").monthly_budget_usd == 2.5

    lifted = cli("costs", "budget", "aaaa1111", "none")
    assert lifted.exit_code == 0, lifted.output
    assert build_context(load_settings(home=home)).records.get_feed("aaaa1111").monthly_budget_usd is None


def test_bad_amounts_and_months_get_one_clear_line(cli, home):
    seed(home)
    for amount in ("-1", "lots", "nan", "inf"):
        refused = cli("costs", "budget", "aaaa1111", amount)
        assert refused.exit_code == 1
        assert "is not an amount: give US dollars such as 2.50" in refused.output
        assert "Traceback" not in refused.output
    install_wide = cli("costs", "budget", "--all", "5")
    assert install_wide.exit_code == 1
    assert "the install-wide budget is a setting: put monthly_budget_usd" in install_wide.output
    unknown = cli("costs", "budget", "nosuchfeed", "5")
    assert unknown.exit_code == 1
    assert "Traceback" not in unknown.output
    bad_month = cli("costs", "--month", "November")
    assert bad_month.exit_code == 1
    assert "write it as YYYY-MM" in bad_month.output
    assert build_context(load_settings(home=home)).records.get_feed("aaaa1111").monthly_budget_usd is None


FEED = """<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Show [bold]x[/bold]</title>
<item><guid>1</guid><title>Long one</title><itunes:duration>2:00:00</itunes:duration>
<enclosure url="{audio}" type="audio/mpeg"/></item></channel></rss>"""


def test_run_names_each_episode_that_waits_for_the_budget_with_its_figures(cli, server, home, monkeypatch):
    monkeypatch.setenv("PODCAST_DIGEST_MONTHLY_BUDGET_USD", "0.01")
    monkeypatch.setenv("PODCAST_DIGEST_TRANSCRIBER", "openai")
    monkeypatch.setenv("PODCAST_DIGEST_SUMMARIZER", "extractive")
    monkeypatch.setenv("PODCAST_DIGEST_OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("PODCAST_DIGEST_OPENAI_BASE_URL", server.url("/v1"))  # never reached
    audio = server.route("/ep.mp3", Route(body=b"ID3", content_type="audio/mpeg"))
    assert (
        cli(
            "feeds", "add", server.route("/feed.xml", Route(body=FEED.format(audio=audio).encode()))
        ).exit_code
        == 0
    )

    ran = cli("run")

    assert ran.exit_code == 0, ran.output
    [line] = [line for line in ran.output.splitlines() if line.startswith("over budget")]
    assert "Long one" in line
    assert "$0.3600" in line  # 120 min x $0.003
    assert "$0.0100 of $0.01 left" in line
    assert server.requests_for("/v1/audio/transcriptions") == []
    assert server.requests_for("/ep.mp3") == []
    [episode] = build_context(load_settings(home=home)).records.list_episodes()
    assert isinstance(episode, Episode)
    assert episode.attempts == 0
    listed = cli("costs")
    assert "Long one" in listed.output
    assert "speech to text waits" in listed.output
    retried = cli("episodes", "retry", episode.episode_id[:8])
    assert retried.exit_code == 1
    assert "waiting Long one: speech to text waits" in retried.output
    assert server.requests_for("/v1/audio/transcriptions") == []


def test_a_dropped_file_is_priced_from_its_own_headers_and_waits_over_budget(
    cli, home, tmp_path, monkeypatch
):
    from tests.support.transcription_server import TranscriptionServer, write_marker_audio

    wav = write_marker_audio(tmp_path / "interview.wav", 120)  # $0.006 at $0.003 a minute
    with TranscriptionServer() as speech:
        monkeypatch.setenv("PODCAST_DIGEST_TRANSCRIBER", "openai")
        monkeypatch.setenv("PODCAST_DIGEST_SUMMARIZER", "extractive")
        monkeypatch.setenv("PODCAST_DIGEST_OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("PODCAST_DIGEST_OPENAI_BASE_URL", speech.base_url)
        monkeypatch.setenv("PODCAST_DIGEST_MONTHLY_BUDGET_USD", "0.005")

        held = cli("ingest", str(wav), "--title", "Interview")

        assert held.exit_code == 1, held.output
        assert "waiting interview.wav: speech to text waits" in held.output
        assert "$0.0060 (2 min of openai gpt-4o-mini-transcribe" in held.output
        assert "Traceback" not in held.output
        assert speech.received == 0
        listed = cli("episodes", "list")
        assert "speech to text waits" in listed.output

        monkeypatch.setenv("PODCAST_DIGEST_MONTHLY_BUDGET_USD", "0.01")
        done = cli("ingest", str(wav), "--title", "Interview")

        assert done.exit_code == 0, done.output
        assert "summarised 'Interview'" in done.output
        assert speech.received >= 1
