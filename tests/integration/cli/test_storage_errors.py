"""Settings and storage faults in the CLI: one line, exit 1, never a traceback, nothing lost.

Real files throughout: a zero-byte database, a file that is not SQLite, a database with overwritten
pages, paths that are folders or do not exist, and a full disk (a small tmpfs the test mounts).
"""

import os
import shutil
import subprocess
import uuid

import pytest

from ..pipeline.conftest import VTT, write_feed


def _one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not an escaped exception
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines, "no error line"
    assert lines[-1].startswith("error: "), result.output
    return " ".join(result.output.split())


@pytest.fixture
def summarised(cli, tmp_path):
    """A home with one feed, one subscriber and one summarised episode; returns the episode id prefix."""
    feed = write_feed(tmp_path / "feed", [{"title": "Balcony tomatoes", "guid": "ep1", "transcript": VTT}])
    assert cli("feeds", "add", str(feed)).exit_code == 0
    assert cli("run").exit_code == 0
    listing = cli("episodes", "list").output
    return next(line.split("│")[1].strip() for line in listing.splitlines() if "Balcony" in line)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "{episode}", "-o", "{tmp}"),  # a folder
        ("export", "{episode}", "-o", "/nonexistent/dir/x.html"),
        ("export", "{episode}", "--format", "html", "-o", "{tmp}/file/x.html"),  # a file as a folder
        ("feeds", "export", "-o", "/nonexistent/x.opml"),
        ("feeds", "export", "-o", "{tmp}"),
    ],
)
def test_an_output_path_that_cannot_be_written_is_one_line(cli, summarised, tmp_path, args):
    (tmp_path / "file").write_text("a file")
    filled = [a.format(episode=summarised, tmp=tmp_path) for a in args]

    message = _one_line_error(cli(*filled))

    assert "check" in message or "give a file name" in message or "folder" in message


def test_a_home_that_is_a_file_is_one_line(cli, tmp_path):
    not_a_folder = tmp_path / "passwd"
    not_a_folder.write_text("root:x:0:0::/root:/bin/bash\n")
    for home in (not_a_folder, "/etc/passwd"):
        message = _one_line_error(cli("feeds", "list", home_dir=home))
        assert "PODCAST_DIGEST_HOME" in message
    assert not_a_folder.read_text().startswith("root:")


def test_a_zero_byte_database_is_refused_and_left_as_it_is(cli, home):
    home.mkdir(parents=True)
    database = home / "podcast-digest.sqlite3"
    database.write_bytes(b"")

    message = _one_line_error(cli("feeds", "list"))

    assert "empty file" in message
    assert database.read_bytes() == b""
    assert _one_line_error(cli("doctor"))


def test_a_file_that_is_not_sqlite_is_refused(cli, home):
    home.mkdir(parents=True)
    (home / "podcast-digest.sqlite3").write_text("these are my notes, not a database\n")

    assert "not a SQLite database" in _one_line_error(cli("subscribers", "list"))


def _damage(database, *, pages: range) -> None:
    page_size = 4096
    with database.open("r+b") as handle:
        for page in pages:
            handle.seek(page * page_size)
            handle.write(b"\xa5" * page_size)


def test_doctor_passes_a_sound_database_and_finds_overwritten_pages(cli, summarised, home):
    healthy = cli("doctor")
    assert healthy.exit_code == 0, healthy.output
    assert "integrity check passed" in healthy.output

    database = home / "podcast-digest.sqlite3"
    subprocess.run(
        [
            shutil.which("python3") or "python3",
            "-c",
            f"import sqlite3; sqlite3.connect({str(database)!r}).execute('PRAGMA wal_checkpoint(TRUNCATE)')",
        ],
        check=True,
    )
    pages = database.stat().st_size // 4096
    assert pages >= 3
    _damage(database, pages=range(1, pages))

    message = _one_line_error(cli("doctor"))
    assert "damaged" in message
    assert "restore a backup" in message
    listed = cli("episodes", "list")
    assert "Traceback" not in listed.output
    assert listed.exit_code == 1
    assert "doctor" in " ".join(listed.output.split())


@pytest.fixture
def small_disk(tmp_path):
    """A 512 KiB tmpfs; skips when this machine will not let the test mount one."""
    mount_point = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8): the full-disk case is not exercised")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()}): full disk not exercised")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder) -> None:
    """Write until the disk refuses: afterwards not one more block fits."""
    with (folder / "ballast").open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass


def test_a_full_disk_is_one_line_and_keeps_what_was_made(cli, summarised, small_disk):
    output = small_disk / "summary.html"
    _fill(small_disk)

    message = _one_line_error(cli("export", summarised, "--format", "html", "-o", str(output)))
    assert "no space left" in message
    assert not output.exists()
    assert [p.name for p in small_disk.iterdir()] == ["ballast"]  # no half-written file left behind
    assert _one_line_error(cli("feeds", "export", "-o", str(small_disk / "feeds.opml")))


def test_a_database_on_a_full_disk_is_one_line_and_loses_nothing(cli, tmp_path, small_disk):
    home = small_disk / "home"
    feed = write_feed(tmp_path / "feed", [{"title": "Balcony tomatoes", "guid": "ep1", "transcript": VTT}])
    assert cli("feeds", "add", str(feed), home_dir=home).exit_code == 0
    _fill(small_disk)

    other = write_feed(tmp_path / "other", [{"title": "Another", "guid": "x" * 40, "transcript": VTT * 40}])
    message = _one_line_error(cli("feeds", "add", str(other), home_dir=home))
    assert "free some disk space" in message or "no space left" in message
    (small_disk / "ballast").unlink()
    listing = cli("feeds", "list", home_dir=home)
    assert listing.exit_code == 0, listing.output
    assert "Garden Hour" in listing.output
