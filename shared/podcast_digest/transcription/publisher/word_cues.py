"""Word-level captions (one word, or a few, per cue) merged into sentence-sized cues.

Some publishers serve karaoke-style captions: a cue per word. Kept as they are, each word becomes
a Segment object, and a transcript costs ~23x its size in memory (bench/bench_transcript_memory.py)
for no gain: summaries, quotes and timestamps work on sentences. Consecutive cues of one speaker
are joined until a sentence ends, a pause, or MERGED_MAX_WORDS; transcripts whose cues already
hold phrases are left exactly as they are.
"""

from podcast_digest.transcription.publisher.cues import Cue

WORD_LEVEL_MAX_WORDS = 3  # a median cue this short means captions shown a word or two at a time
MIN_CUES = 50  # a short transcript costs nothing: never reshaped
MERGED_MAX_WORDS = 40
MAX_GAP_SECONDS = 1.5  # a longer pause ends the merged cue
_SENTENCE_END = (".", "!", "?", "…")


def _is_word_level(cues: list[Cue]) -> bool:
    if len(cues) < MIN_CUES:
        return False
    sample = sorted(len(cue.text.split()) for cue in cues[:: max(1, len(cues) // 501)])
    return sample[len(sample) // 2] <= WORD_LEVEL_MAX_WORDS


def _joins(current: Cue, words: int, cue: Cue) -> bool:
    gap = cue.start - current.end
    return (
        cue.speaker == current.speaker
        and cue.end >= cue.start  # a broken cue stays alone, for segments_from_cues to report
        and -0.5 <= gap <= MAX_GAP_SECONDS
        and words + len(cue.text.split()) <= MERGED_MAX_WORDS
        and not current.text.rstrip().endswith(_SENTENCE_END)
    )


def merged_word_cues(cues: list[Cue]) -> list[Cue]:
    """The cues, with word-level runs joined (see the module docstring); other transcripts unchanged."""
    if not _is_word_level(cues):
        return cues
    merged: list[Cue] = []
    current: Cue | None = None
    words = 0
    for cue in cues:
        if current is not None and _joins(current, words, cue):
            current.text = f"{current.text} {cue.text}"
            current.end = max(current.end, cue.end)
            words += len(cue.text.split())
            continue
        current = Cue(start=cue.start, end=cue.end, text=cue.text, speaker=cue.speaker, where=cue.where)
        merged.append(current)
        words = len(cue.text.split())
    return merged
