"""The budget gate: the one call the transcribe and summarize steps make before a paid engine.

Over budget (or with an unknown cost while a budget is set), the paid engine is not called:
the episode records why it waits and the step raises OverBudget (the runner, and on AWS
mark_failed, leave it pending: not failed, no attempt used). With
settings.budget_fallback_offline the free engine does the work instead. Within budget the
step's estimate is held against the month (`hold_budget`) before the engine is called, so
episodes gated at once (a first poll starts many executions together) count each other's
unpaid work and together stay within the budget; the waiting reason is cleared and the
chosen engine is returned.
"""

import logging
from contextlib import closing

from podcast_digest.costs.allowance import Allowance, allowances, tightest
from podcast_digest.costs.engines import transcription_engine, uses_llm
from podcast_digest.costs.estimate import estimate_episode, estimate_summary
from podcast_digest.costs.month import month_of
from podcast_digest.errors import NotFoundError, OverBudget
from podcast_digest.models import BudgetHold, CostEntry, CostEstimate, CostStep, Episode, Feed, Transcript
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.episodes import load_feed, save
from podcast_digest.ports import Summarizer, Transcriber
from podcast_digest.summarization.sections import estimate_tokens
from podcast_digest.transcription.pricing import price_per_minute

log = logging.getLogger(__name__)

FALLBACK_HINT = "set PODCAST_DIGEST_BUDGET_FALLBACK_OFFLINE=true to use the offline engines instead"


def transcriber_within_budget(ctx: Context, episode: Episode) -> tuple[Episode, Transcriber]:
    """Before speech to text: the estimate recorded on the episode, and the engine to use."""
    probed = _probed_seconds(ctx, episode)
    estimate = estimate_episode(ctx.settings, episode, publisher_transcript=False, probed_seconds=probed)
    episode = _with_estimate(ctx, episode, estimate)
    engine, model = transcription_engine(ctx.settings)
    if not price_per_minute(engine, model):  # a free engine (offline) needs no budget
        return _going_on(ctx, episode), ctx.transcriber
    over = _over_budget(ctx, episode, CostStep.TRANSCRIPTION, estimate.total_usd, _made_of(estimate))
    if over is None:
        return _going_on(ctx, episode), ctx.transcriber
    if ctx.settings.budget_fallback_offline and ctx.offline_transcriber_factory is not None:
        log.info("over budget: %s is transcribed offline (%s)", episode.episode_id, over)
        return _going_on(ctx, episode), ctx.offline_transcriber_factory()
    raise _wait(ctx, episode, f"speech to text waits: {over}")


def _probed_seconds(ctx: Context, episode: Episode) -> float | None:
    """A stored file's length from its headers (a dropped file has no feed duration); None if unknown."""
    known = episode.audio_seconds or episode.duration_seconds or (episode.audio and episode.audio.length)
    if known or not episode.audio_key:
        return None
    try:
        with closing(ctx.blobs.open(episode.audio_key)) as stream:
            if not stream.seekable():  # an S3 body: unknown here, and held as over budget
                return None
            from podcast_digest.transcription.audio import probe_duration

            return probe_duration(stream)
    except (NotFoundError, OSError):
        return None


def note_free_transcript(ctx: Context, episode: Episode) -> Episode:
    """A publisher's transcript costs no speech to text: the estimate is the summary's alone."""
    return _with_estimate(ctx, episode, estimate_episode(ctx.settings, episode, publisher_transcript=True))


def summarizer_within_budget(
    ctx: Context, episode: Episode, transcript: Transcript
) -> tuple[Episode, Summarizer]:
    """Before the summary: its estimate from the transcript's length, and the summarizer to use."""
    if not uses_llm(ctx.settings):
        return _going_on(ctx, episode), ctx.summarizer
    seconds = transcript.duration or episode.audio_seconds or episode.duration_seconds or 0.0
    summary = estimate_summary(ctx.settings, estimate_tokens(transcript.text), seconds)
    base = episode.cost_estimate or CostEstimate(transcription_usd=episode.transcription_cost_usd or 0.0)
    estimate = base.model_copy(
        update={
            k: getattr(summary, k)
            for k in ("summary_usd", "summary_model", "transcript_tokens", "input_tokens", "output_tokens")
        }
    )
    episode = _with_estimate(ctx, episode, estimate)
    over = _over_budget(ctx, episode, CostStep.SUMMARY, summary.summary_usd, _made_of(summary))
    if over is None:
        return _going_on(ctx, episode), ctx.summarizer
    if ctx.settings.budget_fallback_offline and ctx.offline_summarizer_factory is not None:
        log.info("over budget: %s is summarized offline (%s)", episode.episode_id, over)
        return _going_on(ctx, episode), ctx.offline_summarizer_factory()
    raise _wait(ctx, episode, f"the LLM summary waits: {over}")


def _over_budget(
    ctx: Context, episode: Episode, step: CostStep, need: float | None, made_of: str
) -> str | None:
    """Why this much would pass a budget (None: it fits and is now held, or no budget is set)."""
    feed = load_feed(ctx, episode)
    if ctx.settings.monthly_budget_usd is None and feed.monthly_budget_usd is None:
        return None
    month = month_of(ctx.clock())
    ledger = ctx.records.list_costs(month)
    if need is None:
        limit = tightest(allowances(ledger, [], ctx.settings.monthly_budget_usd, feed, month))
        basis = episode.cost_estimate.audio_seconds_basis if episode.cost_estimate else "unknown"
        return f"its cost is unknown (audio length {basis}), so it is held as over budget; {_said(limit)}"
    hold = BudgetHold(
        episode_id=episode.episode_id,
        feed_id=episode.feed_id,
        step=step,
        month=month,
        usd=need,
        placed_at=ctx.clock(),
    )
    refused = _hold(ctx, hold, ledger, feed)
    return None if refused is None else f"it would cost about ${need:.4f} ({made_of}) and {_said(refused)}"


def _hold(ctx: Context, hold: BudgetHold, ledger: list[CostEntry], feed: Feed) -> Allowance | None:
    """Hold the step's estimate if every budget has room for it beside the month's other holds;
    else the budget that has not (nothing is held)."""
    seen: list[Allowance] = []

    def fits(holds: list[BudgetHold]) -> bool:
        limit = tightest(allowances(ledger, holds, ctx.settings.monthly_budget_usd, feed, hold.month))
        seen[:] = [limit] if limit else []
        return limit is None or hold.usd <= limit.left

    if ctx.records.hold_budget(hold, fits):
        return None
    return seen[0]


def _said(limit: Allowance | None) -> str:
    return limit.describe() if limit else "no budget is set"


def _made_of(estimate: CostEstimate) -> str:
    parts = []
    if estimate.transcription_usd:
        minutes = (estimate.audio_seconds or 0) / 60
        parts.append(
            f"{minutes:.0f} min of {estimate.transcription_engine} ${estimate.transcription_usd:.4f}"
        )
    if estimate.summary_usd:
        tokens = estimate.input_tokens + estimate.output_tokens
        parts.append(f"~{tokens} tokens of {estimate.summary_model} ${estimate.summary_usd:.4f}")
    return ", ".join(parts) or "no paid work"


def _wait(ctx: Context, episode: Episode, why: str) -> OverBudget:
    reason = f"{why}; it waits for next month or a larger budget (`podcast-digest costs budget`), or {FALLBACK_HINT}"
    save(ctx, episode.model_copy(update={"waiting_reason": reason}))
    return OverBudget(reason)


def _with_estimate(ctx: Context, episode: Episode, estimate: CostEstimate) -> Episode:
    if episode.cost_estimate == estimate:
        return episode
    return save(
        ctx, episode.model_copy(update={"cost_estimate": estimate, "estimated_cost_usd": estimate.total_usd})
    )


def _going_on(ctx: Context, episode: Episode) -> Episode:
    if episode.waiting_reason is None:
        return episode
    return save(ctx, episode.model_copy(update={"waiting_reason": None}))
