"""Benchmark: the offline (extractive) summarizer on the 2h40 corpus transcript.

Prints wall time and peak memory (tracemalloc peak and the process's ru_maxrss)
and the number of In-Depth sections, then, in the same run, the obvious
alternative: plain TextRank over all of the episode's sentences with a full
n×n similarity matrix. Run: .venv/bin/python bench/bench_offline_summarizer.py
"""

import gc
import multiprocessing
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from podcast_digest.models import Episode, Feed, Summary, Transcript
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.ranking import SentenceSpace, lexrank, similarity
from podcast_digest.summarization.extractive.sentences import split_section
from podcast_digest.summarization.extractive.vocabulary import stop_words_for
from podcast_digest.summarization.sections import split_sections
from podcast_digest.transcription.publisher import parse_transcript

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "transcripts"
NAME = "changelog__the-changelog-594.md"


def _run_in_child(work: Callable[[], Any], traced: bool, results: Any) -> None:
    gc.collect()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    outcome = work()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.send((elapsed, peak, rss_mb, describe(outcome)))


def measure(label: str, work: Callable[[], Any]) -> None:
    """Time without tracing (tracemalloc slows Python down), then peak memory with it; each in a fresh child."""
    figures = []
    for traced in (False, True):
        receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
        child = multiprocessing.get_context("fork").Process(target=_run_in_child, args=(work, traced, sender))
        child.start()
        figures.append(receiver.recv())
        child.join()
    (elapsed, _, rss_mb, note), (traced_elapsed, peak, _, _) = figures
    print(
        f"{label:<46} {elapsed:6.2f} s wall   tracemalloc peak {peak / 2**20:7.1f} MB "
        f"(traced run {traced_elapsed:5.2f} s)   ru_maxrss {rss_mb:6.1f} MB"
    )
    print(f"  {note}")


def describe(outcome: Any) -> str:
    if isinstance(outcome, Summary):
        return (
            f"In-Depth sections: {len(outcome.in_depth)}; key idea groups: {len(outcome.key_ideas)}; "
            f"lessons: {len(outcome.lessons)}; quote verified: {outcome.favorite_quote is not None}"
        )
    return str(outcome)


def plain_textrank(transcript: Transcript) -> str:
    """The obvious alternative: every sentence against every other, one PageRank, top 10 sentences."""
    sentences = [s for part in split_sections(transcript) for s in split_section(part)]
    texts = [s.clean for s in sentences]
    space = SentenceSpace(texts, stop_words_for(transcript.language, [transcript.text]))
    sim = similarity(space.rows(range(len(texts))))  # n × n, dense
    ranks = lexrank(sim)
    top = [texts[i] for i in np.argsort(-ranks)[:10]]
    return (
        f"{len(texts)} sentences, similarity matrix {sim.shape[0]}×{sim.shape[1]} ({sim.nbytes / 2**20:.1f} MB); "
        f"top 10 sentences only: no sections, topics, lessons, quote or verdict ({len(top)} ranked)"
    )


def main() -> int:
    path = CORPUS / NAME
    if not path.exists():
        print(f"skipped: the corpus transcript {path} is absent (it lives beside the repo in ../shared)")
        return 0
    transcript = parse_transcript(path.read_bytes(), hint=NAME)
    print(
        f"{NAME}: {transcript.word_count} words, {transcript.duration / 60:.0f} min, "
        f"{len(transcript.segments)} segments"
    )
    feed = Feed(feed_id="bench", url="https://example.com/feed.xml", title="Bench")
    episode = Episode(episode_id="bench", feed_id="bench", title="Microsoft is all-in on AI: Part 1")
    summarizer = ExtractiveSummarizer()
    summarizer.summarize(
        feed, episode, transcript
    )  # warm-up: imports and first-call costs stay out of the figures
    measure(
        "extractive summarizer (per-part ranking)", lambda: summarizer.summarize(feed, episode, transcript)
    )
    measure("alternative: plain TextRank, full n×n matrix", lambda: plain_textrank(transcript))
    return 0


if __name__ == "__main__":
    sys.exit(main())
