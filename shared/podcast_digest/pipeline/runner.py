"""The in-process runner: the local stand-in for the Step Functions state machine.

It calls the same step services in the same order, with the same semantics:
transient errors are retried with backoff, any other error marks the episode
failed (keeping what was made) and the run goes on with the next episode. A
re-run resumes each episode where it stopped and never redoes finished work.
Each new episode's manifest is written as the AWS poller writes it
(pipeline/manifests.py), under episodes/ in the folder; nothing waits for it here.

A server's Retry-After is honoured only up to settings.max_retry_after_seconds:
asked to wait longer, the episode is marked failed with that reason and a
later run retries it, so one throttled server never holds up the others. An
episode out of attempts is reported by every run (RunReport.gave_up, a
non-zero exit) until someone retries or skips it.
"""

import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Literal

from pydantic import Field

from podcast_digest.errors import (
    OverBudget,
    PodcastDigestError,
    StorageFull,
    TransientError,
    UpstreamThrottled,
)
from podcast_digest.models import Episode, EpisodeStatus, Feed, FeedControls, Frequency
from podcast_digest.models.base import DomainModel
from podcast_digest.models.steps import EpisodeRef, NotifyResult, StepFailure
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.drop_feed import is_drop_feed
from podcast_digest.pipeline.episodes import ref_of
from podcast_digest.pipeline.failures import mark_failed
from podcast_digest.pipeline.notify import notify_episode
from podcast_digest.pipeline.summarize import summarize_episode
from podcast_digest.pipeline.transcribe import transcribe_episode

Step = Callable[[Context, EpisodeRef], object]
STEPS: list[tuple[str, Step]] = [
    ("transcribe", transcribe_episode),
    ("summarize", summarize_episode),
    ("notify", notify_episode),
]
_FIRST_STEP_FOR = {
    EpisodeStatus.DISCOVERED: 0,
    EpisodeStatus.FETCHED: 0,
    EpisodeStatus.TRANSCRIBED: 1,
    EpisodeStatus.SUMMARIZED: 2,
}
PENDING = (
    EpisodeStatus.DISCOVERED,
    EpisodeStatus.FETCHED,
    EpisodeStatus.TRANSCRIBED,
    EpisodeStatus.SUMMARIZED,
)


class RunEvent(DomainModel):
    """What the runner tells whoever shows progress (the CLI's bars, a log)."""

    kind: Literal[
        "feeds",
        "feed_polled",
        "episodes",
        "step",
        "episode_done",
        "episode_failed",
        "episode_waiting",
        "episode_over_budget",
        "resent",
    ]
    total: int | None = None
    feed_id: str | None = None
    episode_id: str | None = None
    title: str | None = None
    step: str | None = None
    message: str | None = None


class RunReport(DomainModel):
    feeds_polled: int = 0
    feed_errors: dict[str, str] = Field(default_factory=dict)
    new_episodes: int = 0
    notified: list[str] = Field(default_factory=list)
    failed: dict[str, str] = Field(default_factory=dict)
    roundups_sent: int = 0
    roundup_errors: dict[str, str] = Field(default_factory=dict, description="frequency -> why it waits")
    gave_up: dict[str, str] = Field(
        default_factory=dict, description="episodes out of attempts -> why: reported until retried or skipped"
    )
    skipped: dict[str, str] = Field(
        default_factory=dict, description="episode id -> title and the feed's skip rule that matched"
    )
    waiting: dict[str, str] = Field(
        default_factory=dict, description="episode id -> why its mail waits (no attempt used up)"
    )
    resent: int = Field(
        0, description="sends whose earlier outcome was unknown, sent again (same Message-ID)"
    )
    over_budget: dict[str, str] = Field(
        default_factory=dict,
        description="episode id -> 'title: why' its paid work waits for the monthly budget (not a failure)",
    )
    notes: list[str] = Field(
        default_factory=list, description="what this run's summaries could not honour (each said once)"
    )

    @property
    def ok(self) -> bool:
        return not (self.feed_errors or self.failed or self.gave_up or self.waiting or self.roundup_errors)


def first_step(episode: Episode) -> int | None:
    """Index in STEPS where this episode resumes; None when it has nothing left to do."""
    if episode.status is EpisodeStatus.FAILED:
        names = [name for name, _ in STEPS]
        return names.index(episode.failed_step) if episode.failed_step in names else 0
    return _FIRST_STEP_FOR.get(episode.status)


def process_episode(
    ctx: Context,
    episode: Episode,
    *,
    on_event: Callable[[RunEvent], None] | None = None,
    retry_delays: Sequence[float] = (1.0, 4.0),
) -> Episode:
    """Run the episode's remaining steps; a failure is recorded on the episode, not raised."""
    emit = on_event or (lambda _event: None)
    start = first_step(episode)
    ref = ref_of(episode)
    remaining = STEPS[start:] if start is not None else []
    for name, step in remaining:
        emit(RunEvent(kind="step", episode_id=episode.episode_id, title=episode.title, step=name))
        try:
            outcome = _with_retries(
                partial(step, ctx, ref), retry_delays, ctx.settings.max_retry_after_seconds
            )
        except TransientError as exc:
            if name != "notify" and not isinstance(exc, StorageFull):
                return _failed(ctx, ref, episode, name, exc, emit)
            # Mail that cannot go yet (an outage, a full disk) waits without using up an attempt.
            return _waiting(ctx, episode, "episode_waiting", name, exc, emit)
        except OverBudget as exc:  # the gate recorded why; no attempt used, a later run goes on
            return _waiting(ctx, episode, "episode_over_budget", name, exc, emit)
        except Exception as exc:  # every failure is recorded on the episode; the run goes on
            return _failed(ctx, ref, episode, name, exc, emit)
        if isinstance(outcome, NotifyResult) and outcome.resent:
            emit(
                RunEvent(
                    kind="resent", episode_id=episode.episode_id, title=episode.title, total=outcome.resent
                )
            )
    done = ctx.records.get_episode(episode.episode_id) or episode
    emit(RunEvent(kind="episode_done", episode_id=episode.episode_id, title=episode.title))
    return done


def _waiting(
    ctx: Context,
    episode: Episode,
    kind: Literal["episode_waiting", "episode_over_budget"],
    step: str,
    why: Exception,
    emit: Callable[[RunEvent], None],
) -> Episode:
    """Say that the episode waits at `step` (not failed, no attempt used) and return it as recorded."""
    emit(RunEvent(kind=kind, episode_id=episode.episode_id, title=episode.title, step=step, message=str(why)))
    return ctx.records.get_episode(episode.episode_id) or episode


def _failed(
    ctx: Context,
    ref: EpisodeRef,
    episode: Episode,
    step: str,
    exc: Exception,
    emit: Callable[[RunEvent], None],
) -> Episode:
    failed = mark_failed(
        ctx, StepFailure(**ref.model_dump(), step=step, error=type(exc).__name__, cause=str(exc))
    )
    emit(
        RunEvent(
            kind="episode_failed",
            episode_id=episode.episode_id,
            title=episode.title,
            step=step,
            message=failed.failure_reason,
        )
    )
    return failed


def episodes_to_process(
    ctx: Context, feeds: Iterable[Feed], skipped: dict[str, str] | None = None
) -> list[Episode]:
    """Pending episodes of these feeds, plus failed ones that have attempts left, oldest first.
    Pending ones not yet started that a feed's skip rule (set since they were found) now matches are
    recorded as skipped instead, and listed in `skipped`."""
    from podcast_digest.feeds.skip_rules import skip_by_rules

    chosen: list[Episode] = []
    for feed in feeds:
        pending = ctx.records.list_episodes(feed.feed_id, [*PENDING, EpisodeStatus.FAILED])
        kept, passed_over = skip_by_rules(ctx.records, feed.controls, pending, ctx.clock())
        if skipped is not None:
            skipped.update({e.episode_id: skipped_line(e) for e in passed_over})
        for episode in kept:
            if episode.backfill:
                continue
            if out_of_attempts(ctx, episode):
                continue
            chosen.append(episode)
    return list(reversed(chosen))


def skipped_line(episode: Episode) -> str:
    return f"{episode.title or episode.episode_id}: {episode.skipped_by or 'skipped'}"


def out_of_attempts(ctx: Context, episode: Episode) -> bool:
    return episode.status is EpisodeStatus.FAILED and episode.attempts >= ctx.settings.max_attempts


def given_up(ctx: Context, feeds: Iterable[Feed]) -> dict[str, str]:
    """Failed episodes no run retries any more (not skipped by the user), with why they failed."""
    return {
        episode.episode_id: f"{episode.title or episode.episode_id}: {episode.failure_reason or 'failed'} "
        f"(after {episode.attempts} attempts)"
        for feed in feeds
        for episode in ctx.records.list_episodes(feed.feed_id, [EpisodeStatus.FAILED])
        if not episode.backfill and out_of_attempts(ctx, episode)
    }


def run(
    ctx: Context,
    feed_ids: Sequence[str] | None = None,
    *,
    force: bool = False,
    on_event: Callable[[RunEvent], None] | None = None,
    retry_delays: Sequence[float] = (1.0, 4.0),
) -> RunReport:
    """Poll the feeds (all, or those named), then take every pending episode as far as it goes."""
    from podcast_digest.feeds.polling import poll_feeds

    report = RunReport()
    emit = _reporting(report, on_event)
    feeds = _select_feeds(ctx, feed_ids)
    pollable = [feed for feed in feeds if not is_drop_feed(feed)]
    emit(RunEvent(kind="feeds", total=len(pollable)))

    def polled(result) -> None:  # type: ignore[no-untyped-def]
        emit(RunEvent(kind="feed_polled", feed_id=result.feed_id, message=result.error or result.outcome))

    results = poll_feeds(
        pollable,
        fetcher=ctx.fetcher,
        records=ctx.records,
        settings=ctx.settings,
        now=ctx.clock(),
        force=force,
        on_result=polled,
    )
    for result in results:
        report.feeds_polled += 1
        report.new_episodes += len(result.new_episodes)
        report.skipped.update({e.episode_id: skipped_line(e) for e in result.skipped})
        if result.outcome == "error":
            report.feed_errors[result.feed_id] = result.error or "unknown error"
        _announce(ctx, result.feed_id, result.new_episodes, report)

    episodes = episodes_to_process(ctx, feeds, report.skipped)
    emit(RunEvent(kind="episodes", total=len(episodes)))
    controls = {feed.feed_id: feed.controls for feed in feeds}
    for episode in episodes:
        done = process_episode(ctx, episode, on_event=emit, retry_delays=retry_delays)
        _note_what_summaries_could_not_honour(ctx, done, controls, report)
        if done.status is EpisodeStatus.FAILED:
            report.failed[done.episode_id] = done.failure_reason or "failed"
        elif done.status is EpisodeStatus.NOTIFIED:
            report.notified.append(done.episode_id)
    report.gave_up = given_up(ctx, feeds)
    _send_roundups(ctx, report)
    return report


def _announce(ctx: Context, feed_id: str, new: list[Episode], report: RunReport) -> None:
    """Write each new episode's manifest as the AWS poller does (pipeline/manifests.py), then go on in-process.

    Locally nothing waits for the manifest: a write that fails is reported
    against the feed, and the episode, recorded already, is processed all the same.
    """
    from podcast_digest.pipeline.manifests import announce

    for episode in new:
        try:
            announce(ctx, episode)
        except (PodcastDigestError, OSError) as exc:  # a full disk, a folder in the way
            report.feed_errors[feed_id] = f"could not write the manifest of {episode.title!r}: {exc}"


def _note_what_summaries_could_not_honour(
    ctx: Context, episode: Episode, controls: dict[str, FeedControls], report: RunReport
) -> None:
    """A summary's provenance notes (a summary language the summarizer cannot write), each said once."""
    feed_controls = controls.get(episode.feed_id)
    if feed_controls is None or not (feed_controls.summary_language or feed_controls.instructions):
        return  # only these controls leave notes today: no record read otherwise
    if episode.status not in (EpisodeStatus.SUMMARIZED, EpisodeStatus.NOTIFIED):
        return
    summary = ctx.records.get_summary(episode.episode_id)
    for note in summary.provenance.notes if summary is not None else []:
        if note not in report.notes:
            report.notes.append(note)


def _reporting(report: RunReport, on_event: Callable[[RunEvent], None] | None) -> Callable[[RunEvent], None]:
    """Passes events on, noting in the report what waits and what was sent again."""

    def emit(event: RunEvent) -> None:
        if event.kind == "episode_waiting" and event.episode_id:
            report.waiting[event.episode_id] = event.message or "mail service unavailable"
        elif event.kind == "resent":
            report.resent += event.total or 0
        elif event.kind == "episode_over_budget" and event.episode_id:
            report.over_budget[event.episode_id] = f"{event.title or event.episode_id}: {event.message}"

        if on_event is not None:
            on_event(event)

    return emit


def _send_roundups(ctx: Context, report: RunReport) -> None:
    """Daily and weekly roundups of the period just ended (the AWS stack runs these on a schedule).

    Each subscriber x period is claimed once, so running this on every run is safe; a
    transient mail failure is reported and the next run sends to those left.
    """
    from podcast_digest.subscriptions.roundup import send_roundups

    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        try:
            result = send_roundups(ctx, frequency)
            report.roundups_sent += result.sent
            report.resent += result.resent
        except TransientError as exc:
            report.roundup_errors[frequency.value] = str(exc)


def _select_feeds(ctx: Context, feed_ids: Sequence[str] | None) -> list[Feed]:
    feeds = ctx.records.list_feeds()
    if not feed_ids:
        return feeds
    wanted = set(feed_ids)
    return [feed for feed in feeds if feed.feed_id in wanted]


def _with_retries(call: Callable[[], object], delays: Sequence[float], max_wait: float) -> object:
    """Call, retrying transient errors after each delay (or the server's Retry-After, up to max_wait)."""
    for delay in [*delays, None]:
        try:
            return call()
        except TransientError as exc:
            if delay is None or isinstance(exc, StorageFull):  # a full disk does not clear in seconds
                raise
            asked = getattr(exc, "retry_after", None) or 0.0
            if asked > max_wait:
                raise UpstreamThrottled(
                    f"{exc} (more than max_retry_after_seconds={max_wait:g}): a later run retries it",
                    retry_after=asked,
                ) from exc
            time.sleep(max(delay, asked))
    raise AssertionError("unreachable")  # the loop always returns or raises
