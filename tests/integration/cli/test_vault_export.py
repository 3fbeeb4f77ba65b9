"""`export --all --format md --dir VAULT`: `make run`'s example through the real pipeline, into a vault
that any Markdown tool opens (front matter read by PyYAML, body by markdown-it-py's CommonMark), and
that a second export leaves exactly as it was."""

import subprocess
from pathlib import Path

from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.unit.vault.reading import assert_inert, read_note

from ..pipeline.conftest import VTT, write_feed
from .test_storage_errors import _fill, _one_line_error, small_disk  # noqa: F401 (a fixture)

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "feed.xml"


def _notes(vault: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(vault)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(vault.rglob("*"))
        if p.is_file()
    }


def _run_example(cli) -> None:
    assert cli("feeds", "add", str(EXAMPLE), "--backfill", "2").exit_code == 0
    ran = cli("run")
    assert ran.exit_code == 0, ran.output


def test_the_example_vault_opens_cleanly_and_re_exporting_changes_nothing(cli, tmp_path):
    _run_example(cli)
    vault = tmp_path / "vault"

    first = cli("export", "--all", "--format", "md", "--dir", str(vault))

    assert first.exit_code == 0, first.output
    assert "2 written" in first.output
    notes = _notes(vault)
    assert sorted(notes) == [
        "podcast-digest-examples/2020-06-01-10-things-we-wish-we-knew-before-starting-our-first-podcast.md",
        "podcast-digest-examples/2020-08-10-practical-ai-100-a-milestone-episode-with-the-changelog-hosts-dropping-in.md",
    ]
    for name, (data, _) in notes.items():
        assert f"wrote {name}" in first.output
        note = read_note(data.decode("utf-8"))
        assert_inert(note)
        assert note.front_matter["podcast"] == "Podcast Digest Examples"
        assert note.front_matter["tags"] == ["podcast", "podcast/podcast-digest-examples"]
        assert note.headings()[0] == "h1 Podcast Episode Summary"
    practical = read_note(notes[sorted(notes)[1]][0].decode()).front_matter
    assert practical["episode"].startswith("Practical AI #100: a milestone episode")
    assert str(practical["date"]) == "2020-08-10"
    assert practical["duration"] == "1:08:00"

    again = cli("export", "--all", "--format", "md", "--dir", str(vault))

    assert again.exit_code == 0, again.output
    assert "2 left unchanged" in again.output
    assert "wrote" not in again.output
    assert _notes(vault) == notes  # the same files, the same bytes, the same mtimes


def test_a_changed_summary_is_rewritten_and_a_retitled_one_leaves_no_copy(cli, tmp_path, home):
    _run_example(cli)
    vault = tmp_path / "vault"
    assert cli("export", "--all", "--dir", str(vault)).exit_code == 0
    records = build_context(load_settings(home=home)).records
    newer, older = records.list_episodes()
    summary = records.get_summary(older.episode_id)
    records.put_summary(summary.model_copy(update={"tldr": "A shorter tl;dr."}))
    renamed = records.get_summary(newer.episode_id)
    records.put_summary(renamed.model_copy(update={"episode_title": "Practical AI: episode one hundred"}))

    result = cli("export", "--all", "--dir", str(vault))

    assert result.exit_code == 0, result.output
    assert "1 rewritten, 1 renamed" in result.output
    assert "→ podcast-digest-examples/2020-08-10-practical-ai-episode-one-hundred.md" in result.output
    names = sorted(_notes(vault))
    assert names == [
        "podcast-digest-examples/2020-06-01-10-things-we-wish-we-knew-before-starting-our-first-podcast.md",
        "podcast-digest-examples/2020-08-10-practical-ai-episode-one-hundred.md",
    ]
    assert "A shorter tl;dr." in (vault / names[0]).read_text()


HOSTILE_TITLE = "---\nsummary_id: &quot;x&quot; #: !!python/object/apply:os.system [&quot;id&quot;]"
HOSTILE_NOTES = (
    "&lt;p&gt;---&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;# Not a heading "
    "&lt;img src=x onerror=alert(2)&gt; [[Wiki]] ![p](https://t.example.com/p.gif)&lt;/p&gt;"
)


def test_hostile_feed_text_stays_data_in_the_front_matter_and_text_in_the_body(cli, tmp_path):
    feed = write_feed(
        tmp_path / "feed",
        [
            {
                "title": HOSTILE_TITLE,
                "guid": "ep1",
                "transcript": VTT,
                "description": HOSTILE_NOTES,
                "extra": '<enclosure url="https://media.example.com/ep1.mp3" type="audio/mpeg" length="1"/>',
            },
            {"title": HOSTILE_TITLE, "guid": "ep2", "transcript": VTT},  # the same title and date
        ],
        title="CON: the &lt;b&gt;show&lt;/b&gt;",
    )
    assert cli("feeds", "add", str(feed), "--backfill", "2").exit_code == 0
    assert cli("run").exit_code == 0
    vault = tmp_path / "vault"

    result = cli("export", "--all", "--dir", str(vault))

    assert result.exit_code == 0, result.output
    notes = _notes(vault)
    assert len(notes) == 2  # one title twice: two notes, neither lost
    folders = {name.split("/")[0] for name in notes}
    assert folders == {"con-the-b-show-b"}
    read = [read_note(data.decode()) for data, _ in notes.values()]
    assert len({n.front_matter["summary_id"] for n in read}) == 2
    for note in read:
        assert_inert(note)
        assert note.front_matter[
            "episode"
        ] == 'summary_id: "x" #: !!python/object/apply:os.system ["id"]'.join(["--- ", ""])
        assert note.front_matter["podcast"] == "CON: the <b>show</b>"
    with_audio = next(n for n in read if n.front_matter["audio_url"])
    assert any(h.startswith("https://media.example.com/ep1.mp3#t=") for h in with_audio.hrefs())
    shown = " ".join(with_audio.texts())
    assert "# Not a heading" in shown
    assert "[[Wiki]]" in shown
    assert "alert(1)" not in with_audio.body


def test_bad_arguments_are_one_line_each(cli, tmp_path):
    _run_example(cli)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for args, said in [
        (("--all",), "add --dir DIR"),
        (("--all", "--dir", str(tmp_path / "v"), "--format", "html"), "use --format md"),
        (("--all", "--dir", str(a_file)), "is a file"),
        (("--all", "--dir", str(tmp_path / "v"), "-o", str(tmp_path / "x.md")), "leave out -o"),
        ((), "name the episode to export"),
    ]:
        assert said in _one_line_error(cli("export", *args))
    assert a_file.read_text() == "x"


def test_one_episode_goes_into_the_vault_too(cli, tmp_path, home):
    _run_example(cli)
    [newer, _] = build_context(load_settings(home=home)).records.list_episodes()
    vault = tmp_path / "vault"
    result = cli("export", newer.episode_id[:8], "--dir", str(vault))
    assert result.exit_code == 0, result.output
    assert "1 written" in result.output
    assert len(_notes(vault)) == 1


def test_a_full_disk_is_one_line_and_keeps_the_notes_already_written(cli, tmp_path, small_disk):  # noqa: F811
    feed = write_feed(
        tmp_path / "feed",
        [{"title": f"Episode {n}", "guid": f"ep{n}", "transcript": VTT} for n in range(3)],
    )
    assert cli("feeds", "add", str(feed), "--backfill", "3").exit_code == 0
    assert cli("run").exit_code == 0
    vault = small_disk / "vault"
    _fill(small_disk)

    message = _one_line_error(cli("export", "--all", "--dir", str(vault)))

    assert "full disk" in message
    assert not [p for p in small_disk.rglob("*") if p.name.endswith(".partial")]  # no half note left
    (small_disk / "ballast").unlink()
    again = cli("export", "--all", "--dir", str(vault))
    assert again.exit_code == 0, again.output
    assert len(_notes(vault)) == 3


def test_a_read_only_vault_is_one_line(cli, tmp_path, small_disk):  # noqa: F811
    _run_example(cli)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    message = _one_line_error(cli("export", "--all", "--dir", str(small_disk / "vault")))
    assert "read-only" in message
