"""Sponsor reads to plant into transcripts, cut into caption-sized cues the way caption engines cut them."""

from podcast_digest.models import Segment, Transcript

ACME_READ = (
    "This episode is brought to you by Acme Cloud. Acme Cloud runs your containers in every region "
    "without a single YAML file, and their support team answers in minutes. Get a free trial at "
    "acme.dev/podcast and use the code PODCAST for twenty percent off your first year. "
    "Thanks to Acme Cloud for supporting the show. And now, back to the show."
)
# Words a summary may only show if it took them from the read.
ACME_WORDS = ("acme", "yaml file", "twenty percent", "free trial", "code podcast")

# Unpunctuated, lower-case, cut mid-phrase: what speech-to-text or a caption file gives.
HOSTED_READ = (
    "this portion of the show is brought to you by Northwind Backups do you really know whether last "
    "night's backup would restore northwind checks every backup by restoring it for you visit "
    "northwind.io slash show and sign up at northwind.io with the promo code show two free months"
)
HOSTED_WORDS = ("northwind", "restoring it for you", "promo code")

CUE_WORDS = 6


def plant(transcript: Transcript, read: str, *, at_segment: int, seconds_per_word: float = 0.4) -> Transcript:
    """The transcript with `read` spoken before segment `at_segment`, in short cues; later talk moves on."""
    segments = transcript.segments
    start = segments[at_segment].start
    words = read.split()
    cues = []
    for first in range(0, len(words), CUE_WORDS):
        chunk = words[first : first + CUE_WORDS]
        begin = start + first * seconds_per_word
        cues.append(Segment(start=begin, end=begin + len(chunk) * seconds_per_word, text=" ".join(chunk)))
    shift = len(words) * seconds_per_word
    later = [
        s.model_copy(update={"start": s.start + shift, "end": s.end + shift}) for s in segments[at_segment:]
    ]
    return transcript.model_copy(update={"segments": [*segments[:at_segment], *cues, *later]})
