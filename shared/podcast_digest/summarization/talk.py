"""From transcript to summary the same way for every summarizer: sponsor reads out first.

A summarizer sees only the talk: the reads found by `sponsors` are cut from
the transcript before it is summarised (so no part, and no quote candidate,
can come from an advert) and listed once on the summary's Sponsors line.
"""

from podcast_digest.models import Episode, Feed, Summary, Transcript
from podcast_digest.ports import Summarizer
from podcast_digest.summarization.sponsors import without_sponsor_reads


def summarize_talk(summarizer: Summarizer, feed: Feed, episode: Episode, transcript: Transcript) -> Summary:
    """The summary of the episode's talk, with its sponsor reads on the Sponsors line."""
    talk, reads = without_sponsor_reads(transcript)
    if not talk.segments:
        # Nothing but adverts (a trailer read by the sponsor, say): summarise what there is.
        talk, reads = transcript, []
    summary = summarizer.summarize(feed, episode, talk)
    return summary.model_copy(update={"sponsors": reads})
