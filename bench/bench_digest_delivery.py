"""Digest delivery: how big the digest is, and how long 10,000 digests take to render and send.

1. The digest's HTML size (raw, and as quoted-printable in the MIME message,
   which is what Gmail measures for its ~102 KB clip) for the sample summary
   and for the summary of the largest corpus transcript (The Changelog #594,
   parsed as a publisher transcript and summarised by the offline extractive
   summarizer).
2. Rendering 10,000 digests of one episode, each with its own signed
   one-click unsubscribe link: ours (the notify step's way: compose once per
   episode, address a copy per recipient) against the obvious alternative
   (compose the whole digest per recipient), measured on its first
   ALTERNATIVE_MESSAGES and extrapolated; the output says so.
3. Sending the 10,000 through the outbox mailer (MIME building plus two
   fsynced files per message), timed per block of 1,000, so the total time to
   render and send 10,000 can be read for both ways.

Run: .venv/bin/python bench/bench_digest_delivery.py [outbox folder, default: a temporary folder on /tmp]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from podcast_digest.adapters.mail.mime import build_message
from podcast_digest.adapters.mail.outbox import OutboxMailer
from podcast_digest.digest.email import DigestForRecipients, compose_digest
from podcast_digest.models import Episode, Feed, subscriber_id_for
from podcast_digest.subscriptions.tokens import Purpose, TokenSigner
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path
from tests.support.summaries import sample_summary

MESSAGES = 10_000
ALTERNATIVE_MESSAGES = 1_000
BASE = "https://digest.example.com"
SUMMARY_URL = f"{BASE}/summaries/ep-3f9a1c2b7d"
SHOW_NOTES = (
    "<p>Maya Okafor and Dr. Lukas Brenner on <b>sourdough</b>. "
    + ('<a href="https://workshophour.example.com/112">Episode page</a> · ' * 12)
    + "</p>"
)
GMAIL_CLIP = 102 * 1024


def sizes(label: str, summary) -> None:
    email = compose_digest(
        summary,
        to="listener@example.org",
        sender="digest@digest.example.com",
        full_summary_url=SUMMARY_URL,
        unsubscribe_url=f"{BASE}/unsubscribe?token=" + "a" * 150,
        show_notes_html=SHOW_NOTES,
    )
    message = build_message(email)
    (html_part,) = [p for p in message.iter_parts() if p.get_content_type() == "text/html"]
    raw, encoded = len(email.html.encode("utf-8")), len(html_part.get_payload().encode("ascii"))
    listed = len(summary.in_depth) - (1 if "more part" in email.text else 0)
    shown = "all" if "more part" not in email.text.rsplit("In-Depth", 1)[-1] else f"fewer than {listed}"
    print(
        f"  {label:<46} HTML {raw / 1024:6.1f} KiB raw, {encoded / 1024:6.1f} KiB quoted-printable "
        f"({encoded / GMAIL_CLIP:.0%} of Gmail's clip); whole .eml {len(message.as_bytes()) / 1024:6.1f} KiB; "
        f"In-Depth parts: {len(summary.in_depth)}, in its contents: {shown}"
    )


def changelog_summary():
    path = corpus_path("transcripts", "changelog__the-changelog-594.md")
    started = time.perf_counter()
    transcript = parse_transcript(path.read_bytes(), hint=path.name, episode_id="changelog-594")
    feed = Feed(feed_id="changelog", url="https://changelog.com/podcast/feed", title="The Changelog")
    episode = Episode(
        episode_id="changelog-594",
        feed_id="changelog",
        title="The Changelog #594",
        link="https://changelog.com/594",
    )
    summary = ExtractiveSummarizer().summarize(feed, episode, transcript)
    words = sum(len(s.text.split()) for s in transcript.segments)
    print(
        f"  (The Changelog #594: {path.stat().st_size / 1024:.0f} KiB transcript, {words:,} words, "
        f"summarised offline in {time.perf_counter() - started:.1f} s)"
    )
    return summary


def signed_links(count: int, feed_id: str) -> list[tuple[str, str]]:
    signer = TokenSigner(b"bench-key-" + b"k" * 32)
    now = datetime.now(UTC)
    links = []
    for number in range(count):
        address = f"listener{number}@example.org"
        token = signer.sign(Purpose.UNSUBSCRIBE, subscriber_id_for(address), now=now, feed_ids=[feed_id])
        links.append((address, f"{BASE}/unsubscribe?token={token}"))
    return links


def render_alternative(summary, recipients: list[tuple[str, str]]) -> float:
    """Seconds to compose the whole digest once per recipient (results dropped: memory stays flat)."""
    started = time.perf_counter()
    for address, link in recipients:
        compose_digest(
            summary,
            to=address,
            sender="digest@digest.example.com",
            full_summary_url=SUMMARY_URL,
            unsubscribe_url=link,
            show_notes_html=SHOW_NOTES,
        )
    return time.perf_counter() - started


def render_and_send_ours(
    summary, recipients: list[tuple[str, str]], folder: Path
) -> tuple[float, float, list]:
    """(seconds rendering, seconds sending, seconds per block of 1,000 sends) through the outbox."""
    started = time.perf_counter()
    prepared = DigestForRecipients(
        summary, sender="digest@digest.example.com", full_summary_url=SUMMARY_URL, show_notes_html=SHOW_NOTES
    )
    render = time.perf_counter() - started
    mailer = OutboxMailer(folder)
    send, blocks, block = 0.0, [], 0.0
    for number, (address, link) in enumerate(recipients, 1):
        t0 = time.perf_counter()
        email = prepared.to(address, link)
        t1 = time.perf_counter()
        mailer.send(email)
        t2 = time.perf_counter()
        render += t1 - t0
        send += t2 - t1
        block += t2 - t1
        if number % 1000 == 0:
            blocks.append(block)
            block = 0.0
    return render, send, blocks


# The digest before issue 11 part 3 (In-Depth inlined up to a 90 KB budget), rendered from this
# commit's own code for the comparison. Where the clone lacks it, the comparison is left out.
INLINE_EVERYTHING_COMMIT = "fb47c98"
_OLD_DIGEST_SCRIPT = """
import json, sys
from pathlib import Path
from podcast_digest.digest.email import compose_digest
from podcast_digest.models import Summary
for path in sys.argv[1:]:
    arguments = json.loads(Path(path).read_text())
    summary = Summary.model_validate(arguments.pop("summary"))
    Path(path).with_suffix(".html").write_text(compose_digest(summary, **arguments).html, encoding="utf-8")
"""


def _old_digests(jobs: dict[str, dict], folder: Path) -> dict[str, str] | None:
    """{name: HTML} of the inline-everything digest for each job, or None when that code is not at hand."""
    repo = Path(__file__).resolve().parents[1]
    old = folder / "inline-everything"
    old.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", INLINE_EVERYTHING_COMMIT, "shared"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    paths = []
    for name, job in jobs.items():
        path = old / f"{name}.json"
        path.write_text(json.dumps(job), encoding="utf-8")
        paths.append(str(path))
    env = os.environ | {"PYTHONPATH": str(old / "shared")}
    subprocess.run([sys.executable, "-c", _OLD_DIGEST_SCRIPT, *paths], env=env, check=True)
    return {name: (old / f"{name}.html").read_text(encoding="utf-8") for name in jobs}


def _phone_heights(pages: dict[str, str], folder: Path) -> dict[str, int | None]:
    """Each page's height in px at 390 px wide in headless Chromium (None without Chromium/Playwright)."""
    try:
        from tests.support.browser import running_browser

        heights: dict[str, int | None] = {}
        with running_browser() as browser:
            for name, html in pages.items():
                path = folder / f"{name}.html"
                path.write_text(html, encoding="utf-8")
                with browser.page(path, 390) as page:
                    heights[name] = browser.layout(page, 390).height
        return heights
    except BaseException as error:  # pytest.skip raises an exception that is not an Exception
        print(f"  (no phone heights: {error})")
        return dict.fromkeys(pages)


def lengths_sizes_and_phone_heights() -> None:
    """Digest HTML size and phone height for a 13-minute, 1-hour and 3-hour episode, ours against
    the inline-everything digest it replaced (same summaries, same links, same show notes)."""
    from tests.unit.digest.lengths import LENGTHS_MINUTES, episode_of

    links = {
        "to": "listener@example.org",
        "sender": "digest@digest.example.com",
        "full_summary_url": SUMMARY_URL,
        "unsubscribe_url": f"{BASE}/unsubscribe?token=" + "a" * 150,
        "show_notes_html": SHOW_NOTES,
    }
    summaries = {f"{m} min": episode_of(m) for m in LENGTHS_MINUTES}
    ours = {name: compose_digest(summary, **links).html for name, summary in summaries.items()}
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
        folder = Path(tmp)
        jobs = {
            name.replace(" ", "-"): {"summary": s.model_dump(mode="json"), **links}
            for name, s in summaries.items()
        }
        old = _old_digests(jobs, folder)
        old_pages = {} if old is None else {f"old {n.replace('-', ' ')}": html for n, html in old.items()}
        heights = _phone_heights(ours | old_pages, folder)
    print("Digest per episode length: HTML size and height on a 390 px phone (headless Chromium)")
    if old is None:
        print(f"  (commit {INLINE_EVERYTHING_COMMIT} is not in this clone: no comparison)")
    for name, summary in summaries.items():
        size, height = len(ours[name].encode("utf-8")), heights[name]
        line = (
            f"  {name:>7} ({len(summary.in_depth):2} parts): ours {size / 1024:5.1f} KiB, "
            f"{height if height is not None else '?':>6} px"
        )
        if old is not None:
            before = old_pages[f"old {name}"]
            old_height = heights[f"old {name}"]
            line += (
                f"   | inline-everything {len(before.encode('utf-8')) / 1024:5.1f} KiB, "
                f"{old_height if old_height is not None else '?':>6} px"
            )
            if height and old_height:
                line += (
                    f"   → {old_height / height:.1f}x shorter, {len(before) / len(ours[name]):.1f}x smaller"
                )
        verdict = "ok" if size <= 40 * 1024 else "OVER 40 KiB"
        print(f"{line}  [{verdict}]")


def main() -> None:
    lengths_sizes_and_phone_heights()
    print("\nDigest HTML size")
    sizes("sample summary (1 h 49 min, the house sample)", sample_summary())
    sizes("The Changelog #594 (largest corpus transcript)", changelog_summary())

    summary = sample_summary()
    started = time.perf_counter()
    recipients = signed_links(MESSAGES, summary.feed_id)
    signing = time.perf_counter() - started
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir())
    folder = Path(tempfile.mkdtemp(prefix="bench-outbox-", dir=base))
    try:
        render, sending, blocks = render_and_send_ours(summary, recipients, folder)
        written = len(list(folder.glob("*.eml")))
        assert written == MESSAGES, f"{written} messages written, {MESSAGES} expected"
        sample_email = DigestForRecipients(summary, sender="digest@digest.example.com").to(*recipients[0])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    for _ in range(200):
        build_message(sample_email).as_bytes()
    mime = (time.perf_counter() - started) / 200
    alternative = render_alternative(summary, recipients[:ALTERNATIVE_MESSAGES]) / ALTERNATIVE_MESSAGES

    print(
        f"\n{MESSAGES:,} digests of the sample summary, each with its own signed one-click link, via the outbox"
    )
    print(f"  (outbox on {base}: one .eml and one .html per message, each fsynced)")
    print(f"  signing the unsubscribe tokens: {signing:.2f} s ({signing / MESSAGES * 1e6:.0f} µs each)")
    print(
        f"  rendering, ours (compose once, address per recipient): {render:6.1f} s "
        f"({render / MESSAGES * 1000:.2f} ms each)"
    )
    print(
        f"  rendering, alternative (compose per recipient):        {alternative * MESSAGES:6.1f} s projected "
        f"({alternative * 1000:.2f} ms each, measured on {ALTERNATIVE_MESSAGES:,}) "
        f"→ ours {alternative * MESSAGES / render:.0f}x faster"
    )
    print(
        f"  sending: {sending:.1f} s ({sending / MESSAGES * 1000:.2f} ms each, of which building the MIME message "
        f"{mime * 1000:.2f} ms); per 1,000 sends: fastest {min(blocks):.1f} s, slowest {max(blocks):.1f} s"
    )
    print(
        f"\n  render and send {MESSAGES:,}: ours {render + sending:.1f} s; composing per recipient instead "
        f"{alternative * MESSAGES + sending:.1f} s (projected, same sending cost)"
    )


if __name__ == "__main__":
    main()
