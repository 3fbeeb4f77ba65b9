"""SQLiteRecords: the Records port on one SQLite file, the embedded default.

Each record is stored as its model's JSON plus the columns queries need, so a
model can grow a field without a migration (see migrations/0001_initial.sql).

Threads: one connection per thread (the poller is concurrent). WAL mode lets
readers run while one thread writes; writers queue on SQLite's own lock with a
busy timeout. Because the lock is SQLite's, not a Python one, claim_delivery
is exactly-once across threads *and* across processes (an overlapping cron
run). A thread's connection is closed when the thread ends or at close().
"""

import json
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from podcast_digest.adapters.sqlite.costs import SQLiteCostLedger
from podcast_digest.adapters.sqlite.health import refuse_foreign_database, refuse_unusable_file
from podcast_digest.adapters.sqlite.schema import Migration, migrate, shipped_migrations
from podcast_digest.errors import ConfigurationError, NotFoundError, StorageFull
from podcast_digest.models import (
    Delivery,
    DeliveryStatus,
    Episode,
    EpisodeStatus,
    Feed,
    Subscriber,
    Subscription,
    Summary,
)
from podcast_digest.models.destination import Destination


def sortable_time(value: datetime | None) -> str | None:
    """A UTC, fixed-width ISO 8601 string whose text order is time order (naive means UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


class _ThreadConnection:
    """Holds one thread's connection; when the thread ends, its thread-local goes and this closes it."""

    __slots__ = ("__weakref__", "connection")

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        weakref.finalize(self, connection.close)


class _FullDiskAwareConnection(sqlite3.Connection):
    """A full disk (SQLITE_FULL) is StorageFull, one clear line upstream; the write was not made."""

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
                raise StorageFull(
                    "the disk holding the Podcast Digest database (in --home) is full: free some disk space; "
                    "nothing was recorded that did not happen, and the next run goes on from here"
                ) from exc
            raise


class SQLiteRecords(SQLiteCostLedger):
    """Feeds, episodes, summaries, subscribers, subscriptions and delivery markers in one file."""

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout_seconds: float = 30.0,
        migrations: Sequence[Migration] | None = None,
    ) -> None:
        self.path = Path(path)
        self._busy_timeout_seconds = busy_timeout_seconds
        self._local = threading.local()
        self._holders: weakref.WeakSet[_ThreadConnection] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigurationError(
                f"cannot make the folder {self.path.parent} for the database ({exc.strerror}): "
                "point PODCAST_DIGEST_HOME (--home) at a folder you can write"
            ) from exc
        refuse_unusable_file(self.path)
        try:
            connection = self._connection()
            refuse_foreign_database(connection, self.path)
            # Persistent in the file; set before any transaction (it cannot change inside one).
            connection.execute("PRAGMA journal_mode = WAL")
            migrate(connection, shipped_migrations() if migrations is None else migrations)
        except sqlite3.DatabaseError as exc:
            self.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise  # another process held the file past the busy timeout: worth a retry
            raise ConfigurationError(
                f"{self.path} cannot be used as the Podcast Digest database ({exc}): check it is this "
                "program's file and readable and writable, or point PODCAST_DIGEST_HOME at another folder"
            ) from exc
        except BaseException:
            self.close()
            raise

    # -- connections -------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        holder: _ThreadConnection | None = getattr(self._local, "holder", None)
        if holder is not None:
            return holder.connection
        with self._lock:
            if self._closed:
                raise sqlite3.ProgrammingError(f"the records database {self.path} has been closed")
            connection = sqlite3.connect(
                self.path,
                timeout=self._busy_timeout_seconds,
                isolation_level=None,  # autocommit: transactions are explicit (BEGIN IMMEDIATE)
                check_same_thread=False,  # used by its own thread only; close() may come from another
                factory=_FullDiskAwareConnection,
            )
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_seconds * 1000)}")
            connection.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe with WAL
            holder = _ThreadConnection(connection)
            self._holders.add(holder)
        self._local.holder = holder
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock up front, so read-then-write never deadlocks."""
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _rows(self, sql: str, parameters: Sequence[object] = ()) -> list[str]:
        return [row[0] for row in self._connection().execute(sql, parameters)]

    def _one(self, sql: str, parameters: Sequence[object]) -> str | None:
        row = self._connection().execute(sql, parameters).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            holders = list(self._holders)
        for holder in holders:
            holder.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- feeds -------------------------------------------------------------------------------

    def put_feed(self, feed: Feed) -> None:
        self._connection().execute(
            "INSERT INTO feeds (feed_id, url, next_poll_at, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (feed_id) DO UPDATE SET "
            "url = excluded.url, next_poll_at = excluded.next_poll_at, body = excluded.body",
            (feed.feed_id, feed.url, sortable_time(feed.next_poll_at), feed.model_dump_json()),
        )

    def get_feed(self, feed_id: str) -> Feed | None:
        body = self._one("SELECT body FROM feeds WHERE feed_id = ?", (feed_id,))
        return None if body is None else Feed.model_validate_json(body)

    def find_feed_by_url(self, url: str) -> Feed | None:
        body = self._one("SELECT body FROM feeds WHERE url = ? ORDER BY feed_id LIMIT 1", (url,))
        return None if body is None else Feed.model_validate_json(body)

    def list_feeds(self) -> list[Feed]:
        return [Feed.model_validate_json(b) for b in self._rows("SELECT body FROM feeds ORDER BY feed_id")]

    def list_due_feeds(self, now: datetime, limit: int = 1000) -> list[Feed]:
        """Never-scheduled feeds first, then the longest overdue."""
        if limit < 0:
            raise ValueError(f"limit must be zero or more, not {limit}")
        bodies = self._rows(
            "SELECT body FROM feeds WHERE next_poll_at IS NULL OR next_poll_at <= ? "
            "ORDER BY next_poll_at, feed_id LIMIT ?",
            (sortable_time(now), limit),
        )
        return [Feed.model_validate_json(b) for b in bodies]

    def delete_feed(self, feed_id: str) -> None:
        self._connection().execute("DELETE FROM feeds WHERE feed_id = ?", (feed_id,))

    # -- episodes ----------------------------------------------------------------------------

    @staticmethod
    def _episode_row(episode: Episode) -> tuple[str, str, str, str | None, str | None, str]:
        return (
            episode.episode_id,
            episode.feed_id,
            episode.status.value,
            sortable_time(episode.published_at),
            sortable_time(episode.discovered_at),
            episode.model_dump_json(),
        )

    def add_episode(self, episode: Episode) -> bool:
        cursor = self._connection().execute(
            "INSERT INTO episodes (episode_id, feed_id, status, published_at, discovered_at, body) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (episode_id) DO NOTHING",
            self._episode_row(episode),
        )
        return cursor.rowcount == 1

    def put_episode(self, episode: Episode) -> None:
        self._connection().execute(
            "INSERT INTO episodes (episode_id, feed_id, status, published_at, discovered_at, body) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (episode_id) DO UPDATE SET "
            "feed_id = excluded.feed_id, status = excluded.status, published_at = excluded.published_at, "
            "discovered_at = excluded.discovered_at, body = excluded.body",
            self._episode_row(episode),
        )

    def get_episode(self, episode_id: str) -> Episode | None:
        body = self._one("SELECT body FROM episodes WHERE episode_id = ?", (episode_id,))
        return None if body is None else Episode.model_validate_json(body)

    def list_episodes(
        self, feed_id: str | None = None, statuses: Iterable[EpisodeStatus] | None = None
    ) -> list[Episode]:
        """Newest first: by published_at, then discovered_at; undated episodes last."""
        conditions: list[str] = []
        parameters: list[object] = []
        if feed_id is not None:
            conditions.append("feed_id = ?")
            parameters.append(feed_id)
        if statuses is not None:
            wanted = sorted({EpisodeStatus(s).value for s in statuses})
            if not wanted:
                return []
            conditions.append(f"status IN ({', '.join('?' * len(wanted))})")
            parameters.extend(wanted)
        where = f"WHERE {' AND '.join(conditions)} " if conditions else ""
        bodies = self._rows(
            f"SELECT body FROM episodes {where}"
            "ORDER BY published_at IS NULL, published_at DESC, discovered_at IS NULL, discovered_at DESC, "
            "episode_id",
            parameters,
        )
        return [Episode.model_validate_json(b) for b in bodies]

    # -- summaries ---------------------------------------------------------------------------

    def put_summary(self, summary: Summary) -> None:
        self._connection().execute(
            "INSERT INTO summaries (episode_id, feed_id, body) VALUES (?, ?, ?) "
            "ON CONFLICT (episode_id) DO UPDATE SET feed_id = excluded.feed_id, body = excluded.body",
            (summary.episode_id, summary.feed_id, summary.model_dump_json()),
        )

    def get_summary(self, episode_id: str) -> Summary | None:
        body = self._one("SELECT body FROM summaries WHERE episode_id = ?", (episode_id,))
        return None if body is None else Summary.model_validate_json(body)

    # -- subscribers and subscriptions -------------------------------------------------------

    def put_subscriber(self, subscriber: Subscriber) -> None:
        self._connection().execute(
            "INSERT INTO subscribers (subscriber_id, email, status, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (subscriber_id) DO UPDATE SET "
            "email = excluded.email, status = excluded.status, body = excluded.body",
            (
                subscriber.subscriber_id,
                subscriber.email,
                subscriber.status.value,
                subscriber.model_dump_json(),
            ),
        )

    def get_subscriber(self, subscriber_id: str) -> Subscriber | None:
        body = self._one("SELECT body FROM subscribers WHERE subscriber_id = ?", (subscriber_id,))
        return None if body is None else Subscriber.model_validate_json(body)

    def list_subscribers(self) -> list[Subscriber]:
        bodies = self._rows("SELECT body FROM subscribers ORDER BY email, subscriber_id")
        return [Subscriber.model_validate_json(b) for b in bodies]

    def delete_subscriber(self, subscriber_id: str) -> None:
        # The foreign key cascades too; deleting explicitly keeps this true whatever the pragma.
        with self._transaction() as connection:
            connection.execute("DELETE FROM subscriptions WHERE subscriber_id = ?", (subscriber_id,))
            connection.execute("DELETE FROM subscribers WHERE subscriber_id = ?", (subscriber_id,))

    def put_subscription(self, subscription: Subscription) -> None:
        """Raises NotFoundError when the subscriber does not exist."""
        try:
            self._connection().execute(
                "INSERT INTO subscriptions (subscriber_id, feed_id, body) VALUES (?, ?, ?) "
                "ON CONFLICT (subscriber_id, feed_id) DO UPDATE SET body = excluded.body",
                (subscription.subscriber_id, subscription.feed_id, subscription.model_dump_json()),
            )
        except sqlite3.IntegrityError as exc:
            raise NotFoundError(
                f"subscriber {subscription.subscriber_id} does not exist: add the subscriber before "
                "subscribing them to a feed"
            ) from exc

    def delete_subscription(self, subscriber_id: str, feed_id: str) -> None:
        self._connection().execute(
            "DELETE FROM subscriptions WHERE subscriber_id = ? AND feed_id = ?", (subscriber_id, feed_id)
        )

    def list_subscriptions_for_feed(self, feed_id: str) -> list[Subscription]:
        bodies = self._rows(
            "SELECT body FROM subscriptions WHERE feed_id = ? ORDER BY subscriber_id", (feed_id,)
        )
        return [Subscription.model_validate_json(b) for b in bodies]

    def list_subscriptions_for_subscriber(self, subscriber_id: str) -> list[Subscription]:
        bodies = self._rows(
            "SELECT body FROM subscriptions WHERE subscriber_id = ? ORDER BY feed_id", (subscriber_id,)
        )
        return [Subscription.model_validate_json(b) for b in bodies]

    # -- deliveries --------------------------------------------------------------------------

    def claim_delivery(self, delivery: Delivery, *, taking_over: Delivery | None = None) -> bool:
        """The marker is stored with status 'sending', whatever the given one says."""
        delivery = delivery.model_copy(update={"status": DeliveryStatus.SENDING})
        # BEGIN IMMEDIATE takes SQLite's write lock before the read, so of racing
        # claims (threads or processes) exactly one sees the marker open and wins.
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT body FROM deliveries WHERE subscriber_id = ? AND delivery_key = ?",
                (delivery.subscriber_id, delivery.delivery_key),
            ).fetchone()
            if row is not None and not Delivery.model_validate_json(row[0]).open_to_claim(taking_over):
                return False
            connection.execute(
                "INSERT INTO deliveries (subscriber_id, delivery_key, status, body) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (subscriber_id, delivery_key) DO UPDATE SET "
                "status = excluded.status, body = excluded.body",
                (
                    delivery.subscriber_id,
                    delivery.delivery_key,
                    delivery.status.value,
                    delivery.model_dump_json(),
                ),
            )
        return True

    def _update_delivery(self, subscriber_id: str, delivery_key: str, **changes: object) -> None:
        """Record the outcome on the marker. A missing marker is recorded anyway: the send has
        happened (or failed), and a 'sent' marker is what stops a second send."""
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT body FROM deliveries WHERE subscriber_id = ? AND delivery_key = ?",
                (subscriber_id, delivery_key),
            ).fetchone()
            current = (
                Delivery(subscriber_id=subscriber_id, delivery_key=delivery_key)
                if row is None
                else Delivery.model_validate_json(row[0])
            )
            delivery = Delivery.model_validate(current.model_copy(update=changes).model_dump())
            connection.execute(
                "INSERT INTO deliveries (subscriber_id, delivery_key, status, body) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (subscriber_id, delivery_key) DO UPDATE SET "
                "status = excluded.status, body = excluded.body",
                (subscriber_id, delivery_key, delivery.status.value, delivery.model_dump_json()),
            )

    def complete_delivery(self, subscriber_id: str, delivery_key: str, message_id: str) -> None:
        self._update_delivery(
            subscriber_id,
            delivery_key,
            status=DeliveryStatus.SENT,
            message_id=message_id,
            error=None,
            sent_at=datetime.now(UTC),
        )

    def fail_delivery(self, subscriber_id: str, delivery_key: str, error: str) -> None:
        self._update_delivery(subscriber_id, delivery_key, status=DeliveryStatus.FAILED, error=error)

    def get_delivery(self, subscriber_id: str, delivery_key: str) -> Delivery | None:
        body = self._one(
            "SELECT body FROM deliveries WHERE subscriber_id = ? AND delivery_key = ?",
            (subscriber_id, delivery_key),
        )
        return None if body is None else Delivery.model_validate_json(body)

    # -- destinations ------------------------------------------------------------------------

    def put_destination(self, destination: Destination) -> None:
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO destinations (destination_id, created_at, body) VALUES (?, ?, ?) "
                "ON CONFLICT (destination_id) DO UPDATE SET created_at = excluded.created_at, body = excluded.body",
                (
                    destination.destination_id,
                    sortable_time(destination.created_at),
                    json.dumps(destination.stored(), ensure_ascii=False),
                ),
            )

    def get_destination(self, destination_id: str) -> Destination | None:
        body = self._one("SELECT body FROM destinations WHERE destination_id = ?", (destination_id,))
        return None if body is None else Destination.model_validate_json(body)

    def list_destinations(self) -> list[Destination]:
        bodies = self._rows("SELECT body FROM destinations ORDER BY created_at, destination_id")
        return [Destination.model_validate_json(b) for b in bodies]

    def delete_destination(self, destination_id: str) -> None:
        with self._transaction() as connection:
            connection.execute("DELETE FROM destinations WHERE destination_id = ?", (destination_id,))
