"""The scheduled roundup: one email per daily/weekly subscriber with the summaries of the period just ended.

Periods are UTC calendar days (`2026-11-27`) and ISO weeks (`2026-W48`). A
summary belongs to the period its summary was made in, so run after run each
summary is in exactly one roundup. Each subscriber × period is claimed with a
delivery marker `roundup:<period>` before the send, like per-episode digests:
a re-run, a retried schedule or a partial failure never mails anyone twice.
A subscriber with nothing new gets no email.
"""

from datetime import datetime, time, timedelta

from pydantic import Field, field_validator

from podcast_digest.delivery import DeliveryResult, DeliveryTally, deliver_once
from podcast_digest.delivery.links import RecipientLinks
from podcast_digest.models import EpisodeStatus, Frequency, Subscriber, Summary
from podcast_digest.models.base import DomainModel
from podcast_digest.pipeline.context import Context

_DONE = [EpisodeStatus.SUMMARIZED, EpisodeStatus.NOTIFIED]


class RoundupPeriod(DomainModel):
    frequency: Frequency
    key: str = Field(description="'2026-11-27' or '2026-W48'")
    start: datetime
    end: datetime

    @property
    def delivery_key(self) -> str:
        return f"roundup:{self.key}"

    @property
    def label(self) -> str:
        last = self.end - timedelta(days=1)
        if self.frequency is Frequency.DAILY:
            return f"{self.start:%A %d %B %Y}"
        return f"{self.start:%d %b} – {last:%d %b %Y}"


class RoundupRequest(DomainModel):
    """What the schedule sends the roundup function (the rule's constant input)."""

    frequency: Frequency
    now: datetime | None = Field(None, description="for a catch-up run: roundups of the period before this")

    @field_validator("frequency")
    @classmethod
    def _a_roundup(cls, value: Frequency) -> Frequency:
        if value is Frequency.PER_EPISODE:
            raise ValueError("per_episode subscribers get digests, not roundups: use daily or weekly")
        return value


class RoundupResult(DomainModel):
    period: str
    sent: int = 0
    already_sent: int = 0
    nothing_new: int = 0
    resent: int = 0
    failed: int = 0


def period_ending_before(frequency: Frequency, now: datetime) -> RoundupPeriod:
    """The last complete period before `now` (yesterday, or last ISO week)."""
    today = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)
    if frequency is Frequency.DAILY:
        start = today - timedelta(days=1)
        return RoundupPeriod(frequency=frequency, key=f"{start:%Y-%m-%d}", start=start, end=today)
    if frequency is Frequency.WEEKLY:
        this_monday = today - timedelta(days=today.weekday())
        start = this_monday - timedelta(days=7)
        year, week, _ = start.isocalendar()
        return RoundupPeriod(frequency=frequency, key=f"{year}-W{week:02d}", start=start, end=this_monday)
    raise ValueError("per-episode subscribers get no roundup")


def send_roundups(ctx: Context, frequency: Frequency, now: datetime | None = None) -> RoundupResult:
    """Send the roundup of the period just ended to every confirmed subscriber at this frequency.

    Raises UpstreamUnavailable after trying everyone when some sends failed
    transiently (a retry sends only to those left).
    """
    period = period_ending_before(frequency, now or ctx.clock())
    result = RoundupResult(period=period.key)
    summaries = _PeriodSummaries(ctx, period)
    links = RecipientLinks.of(ctx)
    tally = DeliveryTally()
    for subscriber in ctx.records.list_subscribers():
        if not subscriber.can_receive:
            continue
        feed_ids = [
            s.feed_id
            for s in ctx.records.list_subscriptions_for_subscriber(subscriber.subscriber_id)
            if s.frequency is frequency
        ]
        if not feed_ids:
            continue
        found = [summary for feed_id in feed_ids for summary in summaries.of(feed_id)]
        if not found:
            result.nothing_new += 1
            continue
        found.sort(key=lambda s: s.provenance.created_at or period.start, reverse=True)
        tally.count(_deliver(ctx, subscriber, found, period, links))
    tally.raise_if_waiting("roundup")
    return result.model_copy(update=tally.counts())


class _PeriodSummaries:
    """Summaries of a feed made within the period, looked up once per feed however many subscribers."""

    def __init__(self, ctx: Context, period: RoundupPeriod) -> None:
        self.ctx, self.period = ctx, period
        self._cache: dict[str, list[Summary]] = {}

    def of(self, feed_id: str) -> list[Summary]:
        if feed_id not in self._cache:
            found: list[Summary] = []
            for episode in self.ctx.records.list_episodes(feed_id, _DONE):
                summary = self.ctx.records.get_summary(episode.episode_id)
                made = summary.provenance.created_at if summary else None
                if summary is not None and made is not None and self.period.start <= made < self.period.end:
                    found.append(summary)
            self._cache[feed_id] = found
        return self._cache[feed_id]


def _deliver(
    ctx: Context,
    subscriber: Subscriber,
    summaries: list[Summary],
    period: RoundupPeriod,
    links: RecipientLinks,
) -> DeliveryResult:
    from podcast_digest.digest.roundup_email import RoundupEntry, compose_roundup

    email = compose_roundup(
        [RoundupEntry(s, links.full_summary(s)) for s in summaries],
        to=subscriber.email,
        sender=ctx.settings.sender,
        sender_name=ctx.settings.sender_name,
        how_often=period.frequency.value,
        period_label=period.label,
        unsubscribe_url=links.unsubscribe(subscriber),
        manage_url=links.manage(subscriber),
        operator_address=ctx.settings.operator_address,
    )
    return deliver_once(ctx, email, period.delivery_key, subscriber.subscriber_id)
