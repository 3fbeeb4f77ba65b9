"""Kill trials: SIGKILL (or SIGINT) the real `podcast-digest run` while it sends, then count the mail.

One template home is prepared once: a feed of short episodes with publisher
transcripts, confirmed subscribers, every episode summarised and its mail not
sent yet (the template's own send hit a closed port). Each trial copies it,
starts `podcast-digest --home <copy> run` as a subprocess, and kills it after
a random number of messages have arrived (plus a random few milliseconds), one
to three times; then runs it to the end, and once more to check that nothing
more goes out. What arrived is counted per (recipient, digest):

- lost: a digest that never arrived;
- duplicated: more than one distinct message for a (recipient, digest) — what an inbox shows twice;
- resent: the same Message-ID arriving again (an outcome the sender could not know, sent again
  by rule; receivers fold these away). The outbox never has any: its file is the record.

Transports: "outbox" (the files) and "smtp" (a real aiosmtpd server in this process).
"""

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EPISODES = 4
SUBSCRIBERS = 5
VTT = """WEBVTT

00:00:00.000 --> 00:00:08.000
<v Ana>Welcome back: today we test the soil before planting, because pH decides what roots take up.

00:00:08.000 --> 00:00:18.000
<v Ben>Water deeply twice a week so the roots grow down, and mulch to halve evaporation in July.

00:00:18.000 --> 00:00:30.000
<v Ana>Cherry tomatoes forgive a small balcony; thin the seedlings early so each gets light and air.
"""


@dataclass
class TrialTally:
    transport: str
    trials: int = 0
    kills: int = 0
    expected: int = 0
    delivered: int = 0
    lost: int = 0
    duplicated: int = 0
    resent: int = 0
    stray_files: int = 0
    final_run_failures: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.transport:6} trials={self.trials} kills={self.kills} expected={self.expected} "
            f"delivered={self.delivered} lost={self.lost} duplicated={self.duplicated} "
            f"resent-same-Message-ID={self.resent} stray-files={self.stray_files} "
            f"final-run-failures={self.final_run_failures}"
        )


def _write_feed(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for n in range(EPISODES):
        (folder / f"ep{n}.vtt").write_text(VTT, encoding="utf-8")
        items.append(
            f"<item><title>Garden notes {n}</title><guid>ep{n}</guid><description>Part {n}.</description>"
            f"<pubDate>Mon, 0{n + 1} Jun 2026 12:00:00 +0000</pubDate>"
            f'<podcast:transcript url="ep{n}.vtt" type="text/vtt" /></item>'
        )
    feed = folder / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Garden Hour</title>'
        f"<link>https://example.org/</link><description>Gardens.</description>{''.join(items)}"
        "</channel></rss>",
        encoding="utf-8",
    )
    return feed


def addresses() -> list[str]:
    return [f"listener{n}@example.com" for n in range(SUBSCRIBERS)]


def prepare_template(folder: Path) -> Path:
    """A home whose episodes are all summarised and whose digests are all still to send."""
    from podcast_digest.adapters.mail.smtp import SMTPMailer
    from podcast_digest.cli.lookup import feed_location
    from podcast_digest.models import Feed, Subscriber, SubscriberStatus, Subscription
    from podcast_digest.models.identity import feed_id_for, subscriber_id_for
    from podcast_digest.pipeline.runner import run
    from podcast_digest.settings import load_settings
    from podcast_digest.wiring import build_context

    home = folder / "home"
    ctx = build_context(load_settings(home=home, max_new_episodes_per_feed=EPISODES))
    url = feed_location(str(_write_feed(folder / "feed")))
    feed = Feed(feed_id=feed_id_for(url), url=url)
    ctx.records.put_feed(feed)
    for address in addresses():
        sid = subscriber_id_for(address)
        ctx.records.put_subscriber(
            Subscriber(subscriber_id=sid, email=address, status=SubscriberStatus.CONFIRMED)
        )
        ctx.records.put_subscription(Subscription(subscriber_id=sid, feed_id=feed.feed_id))
    # Port 9 on loopback is closed: every send is refused at once, so the digests wait, unsent.
    ctx.mailer = SMTPMailer("127.0.0.1", 9, starttls=False, timeout=2)
    report = run(ctx, retry_delays=())
    if len(report.waiting) != EPISODES:
        raise RuntimeError(f"the template should have {EPISODES} episodes waiting to send: {report}")
    close = getattr(ctx.records, "close", None)
    if close is not None:
        close()
    return home


def _environment(transport: str, smtp_port: int | None, shared: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(shared), env.get("PYTHONPATH")]))
    env["PODCAST_DIGEST_MAILER"] = transport
    if smtp_port is not None:
        env.update(
            PODCAST_DIGEST_SMTP_HOST="127.0.0.1",
            PODCAST_DIGEST_SMTP_PORT=str(smtp_port),
            PODCAST_DIGEST_SMTP_STARTTLS="false",
            PODCAST_DIGEST_SMTP_TIMEOUT_SECONDS="10",
        )
    return env


def _command(home: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from podcast_digest.cli.main import app; app()",
        "--home",
        str(home),
        "run",
    ]


def run_to_end(home: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(home), env=env, capture_output=True, text=True, timeout=120, check=False)


def as_from_a_terminal() -> None:
    """In the child, before exec: SIGINT as a terminal leaves it. A suite started from a background
    shell (as CI may be) inherits SIGINT ignored, and the run would never see the Ctrl-C we send."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_and_stop(
    home: Path,
    env: dict[str, str],
    arrived: Callable[[], int],
    rng: random.Random,
    how: signal.Signals,
    most: int = EPISODES * SUBSCRIBERS,
) -> bool:
    """Start a run; once a random number (below `most`) more messages arrived, and a few ms, signal it.
    True if it was."""
    target = arrived() + rng.randint(0, most - 1)
    extra = rng.uniform(0, 0.004)
    process = subprocess.Popen(
        _command(home),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=as_from_a_terminal,
    )
    try:
        while process.poll() is None and arrived() < target:
            time.sleep(0.0005)
        time.sleep(extra)
        if process.poll() is not None:
            return False
        process.send_signal(how)
        return True
    finally:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()  # a SIGINT the run ignored: that is a failure the tally shows
            process.wait()
            raise RuntimeError("the run did not stop within 30 s of SIGINT") from None


def _outbox_messages(outbox: Path) -> list[bytes]:
    return [path.read_bytes() for path in sorted(outbox.glob("*.eml"))] if outbox.exists() else []


def _stray_files(outbox: Path) -> int:
    if not outbox.exists():
        return 0
    emls = {p.stem for p in outbox.glob("*.eml")}
    htmls = {p.stem for p in outbox.glob("*.html")}
    others = [p for p in outbox.iterdir() if p.suffix not in (".eml", ".html")]
    return len(htmls - emls) + len(emls - htmls) + len(others)


def count(tally: TrialTally, messages: list[bytes]) -> None:
    """Add one trial's mail to the tally: lost, duplicated (distinct copies), resent (same Message-ID)."""
    copies: dict[tuple[str, str], Counter[str]] = {}
    for raw in messages:
        message = message_from_bytes(raw, policy=policy.default)
        found = re.search(r"Garden notes (\d+)", str(message["Subject"]))
        key = (str(message["To"]), found.group(1) if found else str(message["Subject"]))
        copies.setdefault(key, Counter())[str(message["Message-ID"])] += 1
    expected = {(address, str(n)) for address in addresses() for n in range(EPISODES)}
    tally.expected += len(expected)
    tally.delivered += len(expected & copies.keys())
    tally.lost += len(expected - copies.keys())
    tally.notes.extend(f"unexpected message {key}" for key in copies.keys() - expected)
    for ids in copies.values():
        tally.duplicated += len(ids) - 1
        tally.resent += sum(ids.values()) - len(ids)


@contextmanager
def _transport(transport: str, folder: Path) -> Iterator[tuple[int | None, Callable[[Path], list[bytes]]]]:
    if transport == "outbox":
        yield None, lambda home: _outbox_messages(home / "outbox")
        return
    from tests.support.smtp_server import smtp_server

    with smtp_server(folder, starttls=False, auth=False) as server:

        def received(_home: Path) -> list[bytes]:
            with server.lock:
                return [mail.data for mail in server.received]

        yield server.port, received


def run_trials(
    transport: str,
    trials: int,
    folder: Path,
    *,
    seed: int = 11,
    how: signal.Signals = signal.SIGKILL,
    on_trial: Callable[[int, TrialTally], None] | None = None,
    shared: Path = REPO / "shared",
) -> TrialTally:
    """`trials` trials on one transport; `shared` is the code the killed runs use (default: this tree's)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    template = prepare_template(folder / "template")
    tally = TrialTally(transport=f"{transport}/{how.name}")
    with _transport(transport, folder) as (port, messages_of):
        env = _environment(transport, port, shared)
        for n in range(trials):
            home = folder / f"trial-{n}"
            shutil.copytree(template, home)
            start = len(messages_of(home))

            def arrived(home: Path = home, start: int = start) -> int:
                return len(messages_of(home)) - start

            for _ in range(rng.randint(1, 3)):
                tally.kills += run_and_stop(home, env, arrived, rng, how)
            final = run_to_end(home, env)
            again = run_to_end(home, env)
            if final.returncode != 0 or again.returncode != 0:
                tally.final_run_failures += 1
                tally.notes.append(
                    f"trial {n}: exit {final.returncode}/{again.returncode}: "
                    f"{(final.stdout + final.stderr).strip().splitlines()[-1:]}"
                )
            count(tally, messages_of(home)[start:])
            tally.stray_files += _stray_files(home / "outbox")
            tally.trials += 1
            if on_trial is not None:
                on_trial(n, tally)
            shutil.rmtree(home, ignore_errors=True)
    return tally
