"""Kill trials for destinations: SIGKILL (or SIGINT) the real `podcast-digest run` while it posts the
example feed's episodes to a Slack-shaped, a Discord-shaped and a signed-webhook server, then count.

The template home is made the way `make run` makes one (the CLI, in subprocesses): the example feed
(examples/feed.xml, both episodes), and three destinations; its first run summarises both episodes
while every server answers 500, so all six posts wait. Each trial copies it, starts `run`, kills it
once a random number of posts (0-5) arrived and a few ms more, one to three times, then runs it to
the end. What each server took is counted per (server, episode), from the request bodies:

- lost: an episode a server never took;
- duplicated: a server took an episode under more than one Idempotency-Key (a receiver could not
  fold those: a real double post);
- resent: the same key arriving again (a kill after the server took the body, before we recorded
  it: the one repeat the rule allows, which a receiver folds away by the key);
- raw: every request the servers took; exactly once after dedupe by key = expected - lost - duplicated.
A last check reads the records: every post marker 'sent' and both episodes notified, so no later
run posts anything.
"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.kill_trials import REPO, run_and_stop, run_to_end
from tests.support.webhook_servers import DISCORD, RECEIVER, SLACK, HookServer, Received, hook_server

SECRET_FILE = "webhook-secret.txt"
EXAMPLE = REPO / "examples" / "feed.xml"
TITLES = ("Practical AI #100", "10 things we wish")
FLAVORS = (SLACK, DISCORD, RECEIVER)


@dataclass
class PostTally:
    how: str
    trials: int = 0
    kills: int = 0
    expected: int = 0
    raw: int = 0
    lost: int = 0
    duplicated: int = 0
    resent: int = 0
    unfinished_records: int = 0
    final_run_failures: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def exactly_once(self) -> int:
        return self.expected - self.lost - self.duplicated

    def line(self) -> str:
        return (
            f"destinations/{self.how} trials={self.trials} kills={self.kills} expected={self.expected} "
            f"exactly-once-after-dedupe-by-key={self.exactly_once} raw-requests={self.raw} lost={self.lost} "
            f"duplicated={self.duplicated} resent-same-key={self.resent} "
            f"unfinished-records={self.unfinished_records} final-run-failures={self.final_run_failures}"
        )


def episode_of(request: Received) -> str:
    document = request.document or {}
    if "blocks" in document:
        title = document["blocks"][0]["text"]["text"]
    elif "embeds" in document:
        title = document["embeds"][0]["title"].replace("\\", "")
    else:
        title = document.get("episode", {}).get("title", "")
    return next((t for t in TITLES if title.startswith(t)), f"unknown: {title[:40]}")


def count(tally: PostTally, servers: dict[str, HookServer], start: dict[str, int]) -> None:
    for flavor, server in servers.items():
        with server.lock:
            taken = [r for r in server.received[start[flavor] :] if r.accepted]
        keys: dict[str, Counter[str]] = {}
        for request in taken:
            keys.setdefault(episode_of(request), Counter())[request.key or "(no key)"] += 1
        tally.expected += len(TITLES)
        tally.raw += len(taken)
        tally.lost += len(set(TITLES) - keys.keys())
        tally.notes.extend(f"{flavor}: {name}" for name in keys.keys() - set(TITLES))
        for per_key in keys.values():
            tally.duplicated += len(per_key) - 1
            tally.resent += sum(per_key.values()) - len(per_key)


def _environment(shared: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(shared), env.get("PYTHONPATH")]))
    env.update(PODCAST_DIGEST_ALLOW_LOOPBACK="true", PODCAST_DIGEST_DESTINATION_TIMEOUT_SECONDS="10")
    return env


def _cli(home: Path, env: dict[str, str], *args: str) -> str:
    command = [
        sys.executable,
        "-c",
        "from podcast_digest.cli.main import app; app()",
        "--home",
        str(home),
        *args,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    return done.stdout + done.stderr


def prepare_template(folder: Path, servers: dict[str, HookServer], env: dict[str, str]) -> Path:
    """A home whose two example episodes are summarised and whose six posts all wait."""
    home = folder / "home"
    _cli(home, env, "feeds", "add", str(EXAMPLE), "--backfill", "2")
    kinds = {SLACK: "slack", DISCORD: "discord", RECEIVER: "webhook"}
    for flavor, server in servers.items():
        added = _cli(home, env, "destinations", "add", kinds[flavor], server.url(f"/{flavor}"))
        if flavor == RECEIVER:
            server.secret = added.split("signing secret")[1].split(": ", 1)[1].split()[0]
        server.down = True
    output = _cli(home, env, "run")
    for server in servers.values():
        server.down = False
    if "2 waiting to be sent" not in " ".join(output.split()):
        raise RuntimeError(f"the template's two episodes should wait to be posted: {output}")
    return home


def unfinished_records(home: Path) -> int:
    """Post markers not 'sent' and episodes not notified, read from the trial's own database."""
    import sqlite3

    with sqlite3.connect(home / "podcast-digest.sqlite3") as db:
        markers = db.execute(
            "SELECT status FROM deliveries WHERE subscriber_id LIKE 'destination-%'"
        ).fetchall()
        episodes = [json.loads(b)["status"] for (b,) in db.execute("SELECT body FROM episodes")]
    return (
        sum(s != "sent" for (s,) in markers)
        + (len(FLAVORS) * len(TITLES) - len(markers))
        + sum(e != "notified" for e in episodes)
    )


@contextmanager
def _servers() -> Iterator[dict[str, HookServer]]:
    with ExitStack() as stack:
        yield {flavor: stack.enter_context(hook_server(flavor)) for flavor in FLAVORS}


def run_post_trials(
    trials: int,
    folder: Path,
    *,
    seed: int = 15,
    how: signal.Signals = signal.SIGKILL,
    shared: Path = REPO / "shared",
) -> PostTally:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    tally = PostTally(how=how.name)
    env = _environment(shared)
    with _servers() as servers:
        template = prepare_template(folder / "template", servers, env)
        for n in range(trials):
            home = folder / f"trial-{n}"
            shutil.copytree(template, home)
            start = {flavor: len(server.received) for flavor, server in servers.items()}

            def arrived(start: dict[str, int] = start) -> int:
                return sum(len([r for r in s.received[start[f] :] if r.accepted]) for f, s in servers.items())

            for _ in range(rng.randint(1, 3)):
                tally.kills += run_and_stop(home, env, arrived, rng, how, most=len(FLAVORS) * len(TITLES))
            final = run_to_end(home, env)
            if final.returncode != 0:
                tally.final_run_failures += 1
                tally.notes.append(
                    f"trial {n}: exit {final.returncode}: {(final.stdout + final.stderr).strip()[-300:]}"
                )
            count(tally, servers, start)
            tally.unfinished_records += unfinished_records(home)
            tally.trials += 1
            shutil.rmtree(home, ignore_errors=True)
    return tally
