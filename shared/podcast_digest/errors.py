"""Typed errors. Their class names are what the state machine's Retry and Catch match.

- TransientError and its subclasses: worth retrying with backoff (throttling,
  upstream 429/5xx, timeouts). Step Functions retries them by name.
- BadInputError and its subclasses: retrying will not help; the episode is
  marked failed with the message, which says what was wrong and what to do.
"""


class PodcastDigestError(Exception):
    """Base of every error this package raises on purpose."""


class TransientError(PodcastDigestError):
    """Retry later: the upstream is throttling, down or slow."""


class UpstreamThrottled(TransientError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UpstreamUnavailable(TransientError):
    pass


class BadInputError(PodcastDigestError):
    """The input is wrong; retrying the same input gives the same error."""


class DestinationGone(BadInputError):
    """A Slack, Discord or webhook destination answered 404/410: it no longer exists; it is disabled."""


class FeedError(BadInputError):
    """A feed that cannot be read as a podcast feed."""


class UnsafeInputError(BadInputError):
    """Refused for safety: a private address, an XML entity declaration, an oversized body."""


class TranscriptFormatError(BadInputError):
    """A transcript whose format is unknown or whose content is broken."""


class AudioError(BadInputError):
    """Audio that cannot be decoded: not audio, truncated, empty, or HTML posing as audio."""


class SummarizationError(PodcastDigestError):
    """The summarizer could not produce a valid summary."""


class NotFoundError(PodcastDigestError):
    """A feed, episode, subscriber or blob that does not exist."""


class ConfigurationError(PodcastDigestError):
    """A setting is missing or wrong; the message names it and how to set it."""


class StorageFull(TransientError):
    """The disk (or quota) is full: nothing was recorded as done; it goes on once there is room."""


class DeliveryUncertain(TransientError):
    """The whole message went to the mail server but its answer never came (dropped, timed out):
    it may or may not have been accepted, so it is neither sent nor failed; the next run sends it
    again with the same Message-ID."""


class OverBudget(PodcastDigestError):
    """The episode's paid work would pass what is left of the monthly budget: it waits (neither
    failed nor an attempt used) until next month, a larger budget, or a free source."""
