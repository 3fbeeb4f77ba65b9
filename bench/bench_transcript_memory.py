"""Peak memory against transcript size: parsing, storing and loading the transcript, and summarising it.

For VTT transcripts of 0.2, 2, 5 and 15 MB (real-shaped cues: a speaker, ~25 words, 8 s each), each
stage runs in a fresh interpreter (load and summarize read the JSON the parse stage wrote) and
reports its peak resident memory above the level once its input is read (ru_maxrss), as a
multiple of the transcript's size:

- parse: bytes → canonical Transcript (decode, detect, parse cues, build segments);
  then the JSON the transcribe step writes;
- load: the stored JSON back into a Transcript (what the summarize step reads);
- summarize: the offline extractive summarizer on the loaded transcript. Its peak was the quote index
  (summarization/quotes.py: one Python int per character of the transcript, ~35x) and the promise check
  (extractive/clickbait.py: a set of every stem and word pair per sentence, ~17x); before they were made
  compact it measured 48.5x, 42.9x, 41.6x and 41.3x at 0.2, 2.1, 5.2 and 15.7 MB (649 MB); after, 18.7x,
  13.4x, 13.4x and 12.9x (203 MB). A fixed floor (lazy imports, compiled patterns: ~1.5 MB, ~2.4 MB while
  np.unique still imported numpy.ma; measured on a 0.01 MB transcript) weighs on the smallest size
  only, so the multiple above that floor is printed too.

The budget is 20x the transcript's size. Two shapes are measured: real-shaped VTT cues, and the
worst case for memory, SRT captions of one word each. Before word-level cues were merged
(transcription/publisher/word_cues.py) that shape cost 22x to parse and 23x to load (a Segment object
per word); the obvious alternative, keeping every cue, is what `git stash` of that file shows.

Run: .venv/bin/python bench/bench_transcript_memory.py [sizes in MB...]
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SIZES_MB = [0.2, 2, 5, 15]
BUDGET = 20

CHILD = r"""
import gc, json, resource, sys
sys.path.insert(0, sys.argv[1])
stage, path, hint = sys.argv[2], sys.argv[3], sys.argv[4]
from podcast_digest.models import Episode, Feed, Transcript
from podcast_digest.transcription.publisher import parse_transcript
from podcast_digest.summarization.extractive import ExtractiveSummarizer
data = open(path, "rb").read()
if stage == "load":
    stored = open(path + ".json", "rb").read()  # written by the parse stage's process
    data = b""
elif stage == "summarize":
    transcript = Transcript.model_validate_json(open(path + ".json", "rb").read())  # load's peak < this one's
    data = b""
gc.collect()
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 1024
start = rss()
if stage == "parse":
    result = parse_transcript(data, hint=hint)
    result = result.model_dump_json().encode("utf-8")  # what the transcribe step writes
    open(path + ".json", "wb").write(result)
elif stage == "load":
    result = Transcript.model_validate_json(stored)  # what the summarize step reads
else:
    result = ExtractiveSummarizer().summarize(
        Feed(feed_id="f", url="https://example.com/feed"), Episode(episode_id="e", feed_id="f", title="Bench"), transcript
    )
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"peak_kb": max(0, peak - start)}))
"""


def make_srt(path: Path, megabytes: float) -> int:
    """The worst shape for memory: one word per cue (word-level captions)."""
    words = ["we", "talk", "about", "compost", "soil", "water", "tomatoes", "balcony", "roots", "light"]
    target = int(megabytes * 1024 * 1024)
    parts, size, n = [], 0, 0
    while size < target:
        s = n // 2
        text = f"{n + 1}\n{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d},000 --> {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d},500\n{words[n % 10]}\n\n"
        parts.append(text)
        size += len(text)
        n += 1
    path.write_text("".join(parts), encoding="utf-8")
    return path.stat().st_size


def make_vtt(path: Path, megabytes: float) -> int:
    words = [
        "we",
        "talk",
        "about",
        "compost",
        "soil",
        "water",
        "tomatoes",
        "balcony",
        "roots",
        "light",
        "seedlings",
        "mulch",
        "summer",
        "heat",
        "shade",
        "pots",
        "drainage",
    ]
    target = int(megabytes * 1024 * 1024)
    parts = ["WEBVTT\n\n"]
    size = len(parts[0])
    cue = 0
    while size < target:
        start, end = cue * 8, cue * 8 + 8
        line = " ".join(words[(cue + i) % len(words)] for i in range(25)).capitalize() + "."
        text = (
            f"{start // 3600:02d}:{start // 60 % 60:02d}:{start % 60:02d}.000 --> "
            f"{end // 3600:02d}:{end // 60 % 60:02d}:{end % 60:02d}.000\n<v Speaker {cue % 3}>{line}\n\n"
        )
        parts.append(text)
        size += len(text)
        cue += 1
    path.write_text("".join(parts), encoding="utf-8")
    return path.stat().st_size


def measure(stage: str, path: Path, hint: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO / "shared"), stage, str(path), hint],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
    )
    if out.returncode != 0:
        raise SystemExit(f"{stage} on {path.name} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])["peak_kb"] * 1024


def main() -> None:
    sizes = [float(a) for a in sys.argv[1:]] or SIZES_MB
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / "bench-transcript-memory"
    folder.mkdir(exist_ok=True)
    print(f"peak memory above the level after imports: MB and multiple of the transcript (budget {BUDGET}x)")
    tiny = folder / "floor.vtt"
    tiny_size = make_vtt(tiny, 0.01)
    measure("parse", tiny, "text/vtt")
    floor = measure("summarize", tiny, "text/vtt")
    print(f"summarize floor ({tiny_size / 1e3:.0f} kB transcript): {floor / 1e6:.1f} MB")
    print(f"{'transcript':>22} {'parse+store':>20} {'load':>20} {'summarize':>20} {'above floor':>12}")
    for make, hint, label in (
        (make_vtt, "text/vtt", "VTT"),
        (make_srt, "application/x-subrip", "SRT 1 word/cue"),
    ):
        for megabytes in sizes:
            path = folder / f"t{megabytes}.{hint.rsplit('/', 1)[-1]}"
            size = make(path, megabytes)
            stages = ("parse", "load", "summarize") if label == "VTT" else ("parse", "load")
            cells = []
            for stage in stages:
                peak = measure(stage, path, hint)
                cells.append(f"{peak / 1e6:8.1f} MB {peak / size:6.1f}x")
            if label == "VTT":
                cells.append(f"{(peak - floor) / size:10.1f}x")
            print(f"{label:>14} {size / 1e6:5.1f} MB " + " ".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    main()
