"""Each step's actual cost, filed in the ledger under the month it was spent in."""

from podcast_digest.costs.engines import transcription_engine
from podcast_digest.costs.month import month_of
from podcast_digest.models import CostEntry, CostStep, Episode, Summary, Transcript, TranscriptSourceKind
from podcast_digest.pipeline.context import Context
from podcast_digest.transcription.pricing import transcription_cost_usd


def record_transcription_cost(ctx: Context, episode: Episode, transcript: Transcript) -> None:
    """What the transcript cost; a publisher's costs nothing and saves what the engine would charge."""
    source = transcript.source
    seconds = source.audio_seconds or transcript.duration or episode.duration_seconds or 0.0
    saved = 0.0
    if source.kind is TranscriptSourceKind.PUBLISHER and seconds:
        engine, model = transcription_engine(ctx.settings)
        saved = transcription_cost_usd(engine, model, seconds)
    ctx.records.put_cost(
        CostEntry(
            episode_id=episode.episode_id,
            feed_id=episode.feed_id,
            step=CostStep.TRANSCRIPTION,
            month=month_of(ctx.clock()),
            usd=source.cost_usd or 0.0,
            saved_usd=saved,
            audio_seconds=seconds,
            source=source.describe(),
            recorded_at=ctx.clock(),
        )
    )


def record_summary_cost(ctx: Context, summary: Summary) -> None:
    provenance = summary.provenance
    ctx.records.put_cost(
        CostEntry(
            episode_id=summary.episode_id,
            feed_id=summary.feed_id,
            step=CostStep.SUMMARY,
            month=month_of(ctx.clock()),
            usd=provenance.cost_usd,
            source=provenance.model or provenance.summarizer,
            recorded_at=ctx.clock(),
        )
    )
