"""Versioned migrations of the SQLite records file: applied once, in order, atomically; newer schemas refused."""

import sqlite3
import threading
from pathlib import Path

import pytest

from podcast_digest.adapters.sqlite import Migration, SchemaError, SQLiteRecords, shipped_migrations
from podcast_digest.adapters.sqlite.schema import current_version, load_migrations, migrate, split_statements
from podcast_digest.errors import ConfigurationError
from podcast_digest.models import Feed

ADD_FEED_TAGS = Migration(
    2,
    "add_feed_tags",
    "ALTER TABLE feeds ADD COLUMN tags TEXT;\nCREATE INDEX feeds_by_tags ON feeds (tags);\n",
)
ADD_NOTES = Migration(3, "add_notes", "CREATE TABLE notes (note_id TEXT PRIMARY KEY, body TEXT NOT NULL);")


def applied_versions(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()


def feed_columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[1] for row in connection.execute("PRAGMA table_info(feeds)")]


def test_the_shipped_migrations_are_found_as_package_data_and_numbered_from_one():
    migrations = shipped_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "initial"
    assert "CREATE TABLE deliveries" in migrations[0].sql


def test_a_new_database_gets_every_shipped_migration(tmp_path):
    path = tmp_path / "new" / "records.sqlite3"
    SQLiteRecords(path).close()
    assert applied_versions(path) == [(m.version, m.name) for m in shipped_migrations()]
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"feeds", "episodes", "summaries", "subscribers", "subscriptions", "deliveries"} <= tables


def test_reopening_applies_nothing_again(tmp_path):
    path = tmp_path / "records.sqlite3"
    SQLiteRecords(path).close()
    with sqlite3.connect(path, isolation_level=None) as connection:
        assert migrate(connection, shipped_migrations()) == []
    assert len(applied_versions(path)) == len(shipped_migrations())


def test_a_database_at_schema_one_gets_later_migrations_exactly_once_and_keeps_its_data(tmp_path):
    path = tmp_path / "records.sqlite3"
    with SQLiteRecords(path, migrations=shipped_migrations()[:1]) as records:
        records.put_feed(Feed(feed_id="feed-1", url="https://example.com/feed.xml", title="Kept"))

    with SQLiteRecords(path, migrations=[*shipped_migrations()[:1], ADD_FEED_TAGS]) as records:
        assert records.get_feed("feed-1").title == "Kept"
    with SQLiteRecords(path, migrations=[*shipped_migrations()[:1], ADD_FEED_TAGS]) as records:
        assert records.get_feed("feed-1").title == "Kept"

    assert applied_versions(path) == [(1, "initial"), (2, "add_feed_tags")]
    assert feed_columns(path).count("tags") == 1


def test_a_database_newer_than_the_code_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "records.sqlite3"
    SQLiteRecords(path, migrations=[*shipped_migrations()[:1], ADD_FEED_TAGS, ADD_NOTES]).close()

    with pytest.raises(SchemaError) as refused:
        SQLiteRecords(path, migrations=[*shipped_migrations()[:1], ADD_FEED_TAGS])

    assert (
        str(refused.value)
        == "database schema 3 is newer than this Podcast Digest (2): upgrade podcast-digest"
    )
    assert isinstance(refused.value, ConfigurationError)
    assert applied_versions(path)[-1] == (3, "add_notes")


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "records.sqlite3"
    SQLiteRecords(path, migrations=shipped_migrations()[:1]).close()
    broken = Migration(
        2, "broken", "ALTER TABLE feeds ADD COLUMN tags TEXT;\nALTER TABLE no_such_table ADD COLUMN x;"
    )

    with pytest.raises(SchemaError, match=r"0002_broken\.sql failed .*left unchanged"):
        SQLiteRecords(path, migrations=[*shipped_migrations()[:1], broken])

    assert applied_versions(path) == [(1, "initial")]
    assert "tags" not in feed_columns(path)


def test_two_openers_racing_on_a_new_file_migrate_it_once(tmp_path):
    path = tmp_path / "records.sqlite3"
    barrier = threading.Barrier(4, timeout=30)
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            barrier.wait()
            SQLiteRecords(path).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert applied_versions(path) == [(m.version, m.name) for m in shipped_migrations()]


def test_current_version_of_an_empty_file_is_zero(tmp_path):
    with sqlite3.connect(tmp_path / "empty.sqlite3") as connection:
        assert current_version(connection) == 0


def test_migration_files_must_be_numbered_without_gaps(tmp_path):
    (tmp_path / "0001_initial.sql").write_text("CREATE TABLE a (x);")
    (tmp_path / "0003_later.sql").write_text("CREATE TABLE c (x);")
    with pytest.raises(SchemaError, match=r"expected 0002, found 0003_later\.sql"):
        load_migrations(tmp_path)


def test_a_misnamed_migration_file_is_refused(tmp_path):
    (tmp_path / "1_Initial.sql").write_text("CREATE TABLE a (x);")
    with pytest.raises(SchemaError, match="misnamed"):
        load_migrations(tmp_path)


def test_migration_files_load_in_version_order_and_other_files_are_ignored(tmp_path):
    (tmp_path / "0002_second.sql").write_text("CREATE TABLE b (x);")
    (tmp_path / "0001_first.sql").write_text("CREATE TABLE a (x);")
    (tmp_path / "README.md").write_text("notes")
    assert [(m.version, m.name) for m in load_migrations(tmp_path)] == [(1, "first"), (2, "second")]


def test_statements_split_on_semicolons_outside_strings_comments_and_triggers():
    script = """
    -- a comment; with a semicolon
    CREATE TABLE a (x TEXT DEFAULT 'one; two');
    /* block; comment */
    CREATE TRIGGER a_stamp AFTER INSERT ON a BEGIN
        UPDATE a SET x = 'stamped;' WHERE rowid = new.rowid;
    END;
    INSERT INTO a (x) VALUES ('three'); INSERT INTO a (x) VALUES ('four');
    -- trailing comment
    """
    statements = split_statements(script)
    assert len(statements) == 4
    assert statements[1].startswith("/* block; comment */\n    CREATE TRIGGER")
    assert statements[1].endswith("END;")
    with sqlite3.connect(":memory:") as connection:
        for statement in statements:
            connection.execute(statement)
        assert connection.execute("SELECT x FROM a ORDER BY rowid").fetchall() == [
            ("stamped;",),
            ("stamped;",),
        ]


def test_an_unterminated_statement_is_refused():
    with pytest.raises(SchemaError, match="missing ';'"):
        split_statements("CREATE TABLE a (x);\nCREATE TABLE b (y)")
