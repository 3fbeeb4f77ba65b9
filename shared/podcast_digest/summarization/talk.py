"""From transcript to summary the same way for every summarizer: voices named, sponsor reads out.

A summarizer sees only the talk: the reads found by `sponsors` are cut from
the transcript before it is summarised (so no part, and no quote candidate,
can come from an advert) and listed once on the summary's Sponsors line.
Voices an introduction names ("Speaker 1" who says "I'm Jane Doe") carry that
name for every summarizer (parts, quote, prompts), and each name's source is
kept in the summary's provenance (speaker_names.py).
"""

from podcast_digest.models import Episode, Feed, Summary, Transcript
from podcast_digest.ports import Summarizer


def summarize_talk(summarizer: Summarizer, feed: Feed, episode: Episode, transcript: Transcript) -> Summary:
    """The summary of the episode's talk, with its sponsor reads on the Sponsors line and the
    names of its voices, with their sources, in its provenance."""
    # Imported here: every Lambda that imports the pipeline's steps would pay for their patterns.
    from podcast_digest.summarization.speaker_names import episode_cast, name_speakers
    from podcast_digest.summarization.sponsors import without_sponsor_reads

    naming = name_speakers(transcript, episode_cast(feed, episode))
    transcript = naming.apply(transcript)
    talk, reads = without_sponsor_reads(transcript)
    if not talk.segments:
        # Nothing but adverts (a trailer read by the sponsor, say): summarise what there is.
        talk, reads = transcript, []
    summary = summarizer.summarize(feed, episode, talk)
    provenance = summary.provenance.model_copy(update={"speakers": naming.speakers})
    return summary.model_copy(update={"sponsors": reads, "provenance": provenance})
