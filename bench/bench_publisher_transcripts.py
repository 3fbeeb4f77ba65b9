"""Publisher transcripts: parse time for every corpus transcript, and hostile HTML against plain html.parser.

1. Each file in ../shared/corpus/transcripts (the chapters JSON excepted): size, segments, words,
   duration, speakers, and the median parse time of 5 runs (decode, detect, parse, validate).
2. Hostile HTML (`<!--` repeated, never closed): our parse against the obvious alternative, feeding
   the same bytes straight to the standard library's HTMLParser, which on Python 3.11 rescans to the
   end for every unclosed opener (quadratic). Sizes stay small so the alternative finishes.

Run: .venv/bin/python bench/bench_publisher_transcripts.py
"""

import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import CORPUS


def _median_seconds(run, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def corpus_figures() -> None:
    folder = CORPUS / "transcripts"
    if not folder.exists():
        print(f"corpus not found at {folder}: skipped")
        return
    print(
        f"{'file':36} {'KB':>6} {'format':>8} {'segs':>5} {'words':>6} {'duration':>9} {'spk':>3} {'ms':>7} {'MB/s':>6}"
    )
    for path in sorted(folder.iterdir()):
        if "chapters" in path.name:
            continue
        data = path.read_bytes()
        transcript = parse_transcript(data, hint=path.name)
        seconds = _median_seconds(lambda data=data, name=path.name: parse_transcript(data, hint=name))
        minutes, secs = divmod(int(transcript.duration), 60)
        speakers = len({s.speaker for s in transcript.segments} - {None})
        print(
            f"{path.name:36} {len(data) / 1024:6.0f} {transcript.source.format:>8} {len(transcript.segments):5d} "
            f"{transcript.word_count:6d} {minutes // 60:3d}h{minutes % 60:02d}m{secs:02d} {speakers:3d} "
            f"{seconds * 1000:7.1f} {len(data) / seconds / 1e6:6.1f}"
        )


class _Discard(HTMLParser):
    def handle_data(self, data: str) -> None:
        pass


def _plain_html_parser(text: str) -> None:
    parser = _Discard()
    parser.feed(text)
    parser.close()


def hostile_html() -> None:
    print("\nhostile HTML: '<!--' repeated and never closed")
    print(f"{'KB':>6} {'ours ms':>9} {'html.parser ms':>15}")
    for repeats in (5_000, 10_000, 20_000, 40_000):
        data = b"<time>0:00</time><p>hello " + b"<!--" * repeats
        ours = _median_seconds(lambda data=data: parse_transcript(data, hint="text/html"), repeat=3)

        text = data.decode()
        alternative = _median_seconds(lambda text=text: _plain_html_parser(text), repeat=1)
        print(f"{len(data) / 1024:6.0f} {ours * 1000:9.1f} {alternative * 1000:15.1f}")


if __name__ == "__main__":
    print(f"Python {sys.version.split()[0]}")
    corpus_figures()
    hostile_html()
