"""Domain models: the pydantic contracts every part of Podcast Digest reads and writes.

Models import only pydantic (and the standard library), so the Lambda layer,
the CLI and the tests share them without pulling in any adapter.
"""

from podcast_digest.models.costs import BudgetHold, CostEntry, CostEstimate, CostStep
from podcast_digest.models.destination import (
    Destination,
    DestinationKind,
    DestinationStatus,
    Post,
    destination_recipient_id,
)
from podcast_digest.models.digest import OutgoingEmail
from podcast_digest.models.episode import (
    Chapter,
    Enclosure,
    Episode,
    EpisodeStatus,
    EpisodeType,
    Person,
    TranscriptLink,
)
from podcast_digest.models.feed import Feed, FeedStatus
from podcast_digest.models.feed_controls import FeedControls
from podcast_digest.models.identity import episode_id_for, feed_id_for, subscriber_id_for
from podcast_digest.models.subscriber import (
    Delivery,
    DeliveryStatus,
    Frequency,
    Subscriber,
    SubscriberStatus,
    Subscription,
)
from podcast_digest.models.summary import (
    ClickbaitVerdict,
    InDepthSection,
    KeyIdeaGroup,
    Lesson,
    PromiseCheck,
    Provenance,
    Quote,
    SpeakerName,
    SponsorRead,
    Summary,
    sponsors_by_name,
)
from podcast_digest.models.transcript import Segment, Transcript, TranscriptSource, TranscriptSourceKind

__all__ = [
    "BudgetHold",
    "Chapter",
    "ClickbaitVerdict",
    "CostEntry",
    "CostEstimate",
    "CostStep",
    "Delivery",
    "DeliveryStatus",
    "Destination",
    "DestinationKind",
    "DestinationStatus",
    "Enclosure",
    "Episode",
    "EpisodeStatus",
    "EpisodeType",
    "Feed",
    "FeedControls",
    "FeedStatus",
    "Frequency",
    "InDepthSection",
    "KeyIdeaGroup",
    "Lesson",
    "OutgoingEmail",
    "Person",
    "Post",
    "PromiseCheck",
    "Provenance",
    "Quote",
    "Segment",
    "SpeakerName",
    "SponsorRead",
    "Subscriber",
    "SubscriberStatus",
    "Subscription",
    "Summary",
    "Transcript",
    "TranscriptLink",
    "TranscriptSource",
    "TranscriptSourceKind",
    "destination_recipient_id",
    "episode_id_for",
    "feed_id_for",
    "sponsors_by_name",
    "subscriber_id_for",
]
