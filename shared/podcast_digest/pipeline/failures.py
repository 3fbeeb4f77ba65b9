"""Mark-failed step: record which step failed and why; keep every artefact already made."""

from podcast_digest.errors import OverBudget
from podcast_digest.models import Episode, EpisodeStatus
from podcast_digest.models.steps import StepFailure
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.episodes import load_episode, save

MAX_REASON = 2000


def mark_failed(ctx: Context, failure: StepFailure) -> Episode:
    episode = load_episode(ctx, failure)
    if failure.error == OverBudget.__name__:
        # Not a failure: the budget gate recorded why the episode waits (the state machine's
        # Catch brings every error here); no attempt is used and the episode stays pending.
        return episode
    reason = f"{failure.error}: {failure.cause}" if failure.cause else failure.error
    failed = episode.model_copy(
        update={
            "failed_step": failure.step,
            "failure_reason": reason[:MAX_REASON],
            "attempts": episode.attempts + 1,
        }
    )
    return save(ctx, failed, EpisodeStatus.FAILED)
