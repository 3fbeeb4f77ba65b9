"""Matching a feed's skip patterns against hostile titles: the worst patterns `feeds set` accepts against
the kinds it refuses (too many unbounded quantifiers; nested quantifiers).

Every title is matched on its first TITLE_CHARS_MATCHED characters. Accepted patterns may hold at most
MAX_UNBOUNDED_QUANTIFIERS unbounded quantifiers and no quantifier over a repeating or branching group,
so their worst case is polynomial in a bounded length. The refused kind, a nested quantifier like
(a+)+$, backtracks exponentially: this prints how long one title takes at growing lengths (stopping
before it takes seconds), next to the accepted worst case on a title of the full matched length.

Run: .venv/bin/python bench/bench_skip_patterns.py
"""

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "shared"))

from podcast_digest.feeds.skip_rules import skip_rule_for
from podcast_digest.models import Episode, FeedControls
from podcast_digest.models.feed_controls import TITLE_CHARS_MATCHED, check_skip_pattern

# Accepted patterns, each with a title built to make it backtrack as much as it can (no match).
ACCEPTED_WORST = {
    r".*a.*b": "a" * 5000,
    r".*a.*b.*c": "ab" * 2500,  # refused (three unbounded): shown for the cost it would have
    r"\w+\s\w+\s\w+!": "word " * 1000,
    r"(x|y)z{1,50}.*q": ("x" + "z" * 50) * 100,
}
REFUSED = r"(a+)+$"


def best_of(runs: int, call) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    print(f"hostile titles of ~5000 chars, matched on their first {TITLE_CHARS_MATCHED}:")
    for pattern, hostile in ACCEPTED_WORST.items():
        try:
            check_skip_pattern(pattern)
            verdict = "accepted"
            controls = FeedControls(skip_title_patterns=[pattern])
            episode = Episode(episode_id="e", feed_id="f", title=hostile)
            seconds = best_of(3, lambda c=controls, e=episode: skip_rule_for(c, e))
        except ValueError:
            verdict = "refused "
            seconds = best_of(1, lambda p=pattern, t=hostile[:TITLE_CHARS_MATCHED]: re.search(p, t, re.I))
        longer = [best_of(1, lambda p=pattern, t=hostile[:n]: re.search(p, t, re.I)) for n in (300, 400)]
        print(
            f"  {verdict} {pattern!r:>22}: {seconds * 1000:8.2f} ms as matched; unbounded title: "
            f"{longer[0] * 1000:8.2f} ms at 300 chars, {longer[1] * 1000:9.2f} ms at 400"
        )
    try:
        check_skip_pattern(REFUSED)
    except ValueError as refused:
        print(f"refused at `feeds set`: {refused}")
    print(f"what {REFUSED!r} would cost unrefused (re.search, one title):")
    compiled = re.compile(REFUSED)
    for length in range(16, 40, 2):
        seconds = best_of(1, lambda n=length: compiled.search("a" * n + "!"))
        print(f"  {length:3d} chars: {seconds * 1000:10.2f} ms")
        if seconds > 0.5:
            print(f"  … doubling every 1-2 characters; at {TITLE_CHARS_MATCHED} chars it would never finish")
            break


if __name__ == "__main__":
    main()
