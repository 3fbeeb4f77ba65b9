"""Kill trials by hand: SIGKILL and Ctrl-C the real `podcast-digest run` while it sends, count the mail.

    PYTHONPATH=$PWD/shared .venv/bin/python bench/kill_trials.py                # 50 trials per transport
    PYTHONPATH=$PWD/shared .venv/bin/python bench/kill_trials.py --trials 10 --signal INT
    PYTHONPATH=$PWD/shared .venv/bin/python bench/kill_trials.py --against /tmp/old/shared   # the old code
    PYTHONPATH=$PWD/shared .venv/bin/python bench/kill_trials.py --transport destinations --trials 50

Prints one tally line per transport and signal: lost and duplicated must be 0
(see tests/support/kill_trials.py for what each number means). With
--against, the same trials also run on another checkout's code (e.g. `git
archive main shared | tar -x -C /tmp/old`), for the comparison.
"""

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.destination_trials import run_post_trials
from tests.support.kill_trials import REPO, run_trials


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--transport", choices=["outbox", "smtp", "destinations"], action="append")
    parser.add_argument("--signal", choices=["KILL", "INT"], action="append")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--against", type=Path, help="another checkout's shared/ to run the same trials on")
    args = parser.parse_args()
    trees = [("this tree", REPO / "shared")] + ([("against", args.against)] if args.against else [])
    bad = 0
    for label, shared in trees:
        for how in args.signal or ["KILL", "INT"]:
            for transport in args.transport or ["outbox", "smtp"]:
                started = time.monotonic()
                with tempfile.TemporaryDirectory(prefix="kill-trials-") as folder:
                    if transport == "destinations":  # Slack, Discord and a signed webhook (issue 15)
                        posts = run_post_trials(
                            args.trials,
                            Path(folder),
                            seed=args.seed,
                            how=getattr(signal, f"SIG{how}"),
                            shared=shared,
                        )
                        print(f"[{label}] {posts.line()} ({time.monotonic() - started:.0f} s)", flush=True)
                        bad += (
                            (posts.lost + posts.duplicated + posts.unfinished_records)
                            if label == "this tree"
                            else 0
                        )
                        continue
                    tally = run_trials(
                        transport,
                        args.trials,
                        Path(folder),
                        seed=args.seed,
                        how=getattr(signal, f"SIG{how}"),
                        shared=shared,
                    )
                print(f"[{label}] {tally.line()} ({time.monotonic() - started:.0f} s)", flush=True)
                for note in tally.notes[:3]:
                    print(f"    {note}")
                if label == "this tree":
                    bad += tally.lost + tally.duplicated + tally.stray_files + tally.final_run_failures
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
