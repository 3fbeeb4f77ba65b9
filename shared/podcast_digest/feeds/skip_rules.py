"""A feed's skip rules: which episodes are recorded as skipped instead of transcribed.

The rules are the feed's `controls` (validated when set: see
models/feed_controls.py): title patterns, searched case-insensitively in the
title's first TITLE_CHARS_MATCHED characters, and a maximum duration, judged
on the duration the feed gives (an episode whose feed gives none is not
skipped by it). They are applied where an episode is taken up before any
paid work: when polling records it, and when the runner (or the AWS poller)
is about to start one that has not been fetched yet. A skipped episode is done,
not failed: no run retries it; `episodes retry ID` takes it up anyway.
"""

import re
from collections.abc import Iterable
from datetime import datetime

from podcast_digest.models import Episode, EpisodeStatus, FeedControls
from podcast_digest.models.feed_controls import TITLE_CHARS_MATCHED, describe_duration
from podcast_digest.ports import Records


def skip_rule_for(controls: FeedControls, episode: Episode) -> str | None:
    """The rule that skips this episode, in words ("title matches 'trailer'"); None when none does."""
    title = episode.title[:TITLE_CHARS_MATCHED]
    for pattern in controls.skip_title_patterns:
        if re.search(pattern, title, re.IGNORECASE):
            return f"title matches skip pattern '{pattern}'"
    limit = controls.skip_longer_than_seconds
    duration = episode.duration_seconds
    if limit is not None and duration is not None and duration > limit:
        return f"longer than {describe_duration(limit)} ({describe_duration(duration)})"
    return None


def skipped(episode: Episode, rule: str, now: datetime) -> Episode:
    """The episode recorded as skipped by `rule` (nothing it had is dropped)."""
    return episode.model_copy(update={"status": EpisodeStatus.SKIPPED, "skipped_by": rule, "updated_at": now})


def not_started(episode: Episode) -> bool:
    """Taken from a feed and not yet fetched: nothing paid for, and not a file someone dropped in."""
    return episode.status is EpisodeStatus.DISCOVERED and episode.audio_key is None and not episode.backfill


def skip_by_rules(
    records: Records, controls: FeedControls, episodes: Iterable[Episode], now: datetime
) -> tuple[list[Episode], list[Episode]]:
    """Split not-yet-started episodes into (to process, skipped); the skipped ones are saved as such.
    Episodes already under way are kept: a rule added later never throws away paid work."""
    keep: list[Episode] = []
    dropped: list[Episode] = []
    for episode in episodes:
        rule = skip_rule_for(controls, episode) if not_started(episode) else None
        if rule is None:
            keep.append(episode)
            continue
        marked = skipped(episode, rule, now)
        records.put_episode(marked)
        dropped.append(marked)
    return keep, dropped
