"""Politeness across poll batches: one host sees at most poll_per_host connections from all pollers together.

Each batch is what one poll_feed_batch invocation does (its own context from
wiring, its own threads); four run at once against one local publisher that
counts the connections it is serving at the same moment. The leases live in
DynamoDB (moto) for the stack and in SQLite locally; both adapters pass the
same contract. moto applies a conditional write in two steps (check, then
write) without a lock, so two threads can both win a slot; DynamoDB applies
it atomically. The test puts moto's put_item and delete_item behind one
lock, which is what DynamoDB guarantees, not a change to our code.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import replace

import pytest

from podcast_digest.adapters.aws.host_leases import DynamoDBHostLeases
from podcast_digest.adapters.sqlite.host_leases import SQLiteHostLeases
from podcast_digest.models import Feed, feed_id_for
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.steps import poll
from podcast_digest.settings import Settings
from podcast_digest.wiring import build_context
from tests.support import aws
from tests.support.feed_server import FeedServer, Route

FEED = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Show %d</title><link>https://example.com/</link>
<item><guid>ep-%d</guid><title>Episode</title>
<enclosure url="https://example.com/%d.mp3" type="audio/mpeg" length="1"/></item>
</channel></rss>"""


class CountingPublisher(FeedServer):
    """A publisher that holds each request `hold` seconds and records the most it held at one moment.

    Counted from the request's arrival to just before its answer is written:
    a span every client holds its lease through, so the count never includes
    a request whose client has already let go.
    """

    def __init__(self, hold: float) -> None:
        super().__init__()
        self.hold = hold
        self.in_flight = 0
        self.most_at_once = 0
        self._count_lock = threading.Lock()

    def _answer(self, handler, route):
        with self._count_lock:
            self.in_flight += 1
            self.most_at_once = max(self.most_at_once, self.in_flight)
        time.sleep(self.hold)
        with self._count_lock:
            self.in_flight -= 1
        super()._answer(handler, route)


@pytest.fixture
def atomic_moto_writes(monkeypatch):
    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.RLock()
    for name in ("put_item", "delete_item"):
        original = getattr(DynamoDBBackend, name)

        def atomic(self, *args, _original=original, **kwargs):
            with lock:
                return _original(self, *args, **kwargs)

        monkeypatch.setattr(DynamoDBBackend, name, atomic)


def _settings(tmp_path) -> Settings:
    return Settings(
        home=tmp_path / "home",
        records="dynamodb",
        blobs="s3",
        table_name=aws.TABLE,
        bucket_name=aws.BUCKET,
        allow_loopback=True,
        poll_per_host=2,
        poll_concurrency=8,
    )


def _four_batches(publisher: FeedServer, settings: Settings, feeds: int) -> list[list[str]]:
    """`feeds` feeds on the publisher's one host, recorded and dealt into four poll batches."""
    batches: list[list[str]] = [[] for _ in range(4)]
    records = build_context(settings).records
    for n in range(feeds):
        url = publisher.route(f"/feeds/{n}.xml", Route(body=FEED % (n, n, n)))
        feed = Feed(feed_id=feed_id_for(url), url=url, title=f"Show {n}")
        records.put_feed(feed)
        batches[n % 4].append(feed.feed_id)
    return batches


def _poll_at_once(batches: list[list[str]], context: Callable[[], Context]) -> list[int]:
    """Each batch polled on its own thread with its own context, as concurrent invocations do."""
    barrier = threading.Barrier(len(batches))
    found: list[int] = []
    failures: list[BaseException] = []

    def one_batch(feed_ids: list[str]) -> None:
        ctx = context()
        barrier.wait()
        try:
            found.append(len(poll(ctx, feed_ids)))
        except BaseException as exc:  # surfaced by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=one_batch, args=(ids,)) for ids in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    return found


@pytest.mark.slow
def test_concurrent_poll_batches_hold_one_host_to_the_per_host_bound(
    moto_stack, atomic_moto_writes, tmp_path
):
    settings = _settings(tmp_path)
    with CountingPublisher(hold=0.25) as publisher:
        batches = _four_batches(publisher, settings, 20)

        found = _poll_at_once(batches, lambda: build_context(settings))

        assert sum(found) == 20  # every feed polled, each with its one new episode
        assert len(publisher.requests) == 20
        assert publisher.most_at_once <= settings.poll_per_host
        assert publisher.most_at_once == settings.poll_per_host  # the bound is used, not starved


def test_without_shared_leases_each_batch_would_bring_its_own_connections(moto_stack, tmp_path):
    """The control: the same four batches with only the per-poll bound exceed it at the host."""
    from podcast_digest.feeds.fetch import SafeFetcher

    settings = _settings(tmp_path)
    with CountingPublisher(hold=0.5) as publisher:
        batches = _four_batches(publisher, settings, 8)

        _poll_at_once(batches, lambda: replace(build_context(settings), fetcher=SafeFetcher(settings)))

        assert publisher.most_at_once > settings.poll_per_host


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["dynamodb", "sqlite"])
def leases(request, tmp_path, monkeypatch):
    clock = Clock()
    if request.param == "sqlite":
        yield SQLiteHostLeases(tmp_path / "leases.sqlite3", clock=clock), clock
        return
    aws.aws_environment(monkeypatch)
    with aws.moto_account():
        aws.create_table()
        yield DynamoDBHostLeases(aws.TABLE, clock=clock), clock


def test_a_host_has_at_most_its_slots_and_a_released_one_is_free_again(leases):
    store, _ = leases

    assert store.acquire("feeds.example.com", "a", 2, 60) == 0
    assert store.acquire("feeds.example.com", "b", 2, 60) == 1
    assert store.acquire("feeds.example.com", "c", 2, 60) is None
    assert store.acquire("other.example.org", "c", 2, 60) == 0  # hosts are counted apart

    store.release("feeds.example.com", 0, "a")

    assert store.acquire("feeds.example.com", "c", 2, 60) == 0


def test_a_lease_whose_holder_died_expires_and_its_late_release_frees_nothing(leases):
    store, clock = leases
    assert store.acquire("feeds.example.com", "crashed", 1, 60) == 0
    assert store.acquire("feeds.example.com", "b", 1, 60) is None

    clock.now += 61

    assert store.acquire("feeds.example.com", "b", 1, 60) == 0
    store.release("feeds.example.com", 0, "crashed")  # too late: the slot is b's now
    assert store.acquire("feeds.example.com", "c", 1, 60) is None
