"""How long a server that drips its headers holds one fetch: ours against an unpaced client.

A raw-socket server on 127.0.0.1 (tests/support/drip_server.py) answers with a 200 status line and
then drips a header a byte every `pause` seconds, each byte well inside the 30 s read timeout, for
as long as `--drip` seconds (a real attacker would never stop). Measured with the default settings:

- ours: SafeFetcher.fetch, whose whole fetch is paced from the first byte of the answer
  (feeds/paced_socket.py): it gives up once the minimum rate can no longer be met after the grace;
- unpaced: the same request through http.client with the same 30 s read timeout and nothing
  else, which is how headers were read before (only the body was paced): it waits for as long as
  the server drips.

Run: PYTHONPATH=shared .venv/bin/python bench/bench_header_drip.py [--drip 60] [--pause 0.5]
"""

import argparse
import http.client
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from podcast_digest.errors import UpstreamUnavailable  # noqa: E402
from podcast_digest.feeds.fetch import SafeFetcher  # noqa: E402
from podcast_digest.settings import Settings  # noqa: E402
from tests.support.drip_server import BODY, drip_server  # noqa: E402


def head(drip_seconds: float, pause: float) -> bytes:
    """A 200 answer whose status line and headers take about `drip_seconds` to drip."""
    lines = [b"HTTP/1.1 200 OK", b"Content-Type: text/vtt", b"X-Padding: "]
    lines += [f"Content-Length: {len(BODY)}".encode(), b"Connection: close", b"", b""]
    padding = b"a" * max(1, int(drip_seconds / pause) - len(b"\r\n".join(lines)))
    lines[2] += padding
    return b"\r\n".join(lines)


def ours(url: str, settings: Settings) -> str:
    try:
        SafeFetcher(settings).fetch(url, max_bytes=settings.max_transcript_bytes)
    except UpstreamUnavailable as exc:
        return f"refused: {str(exc)[:90]}…"
    return "read it all"


def unpaced(url: str, settings: Settings) -> str:
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=settings.read_timeout_seconds)
    try:
        conn.request("GET", "/t.vtt")
        response = conn.getresponse()
        return f"read it all ({len(response.read())} bytes of body, once the server was done)"
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drip", type=float, default=60.0, help="seconds the server drips its headers")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between header bytes")
    args = parser.parse_args()
    settings = Settings(home=Path("/tmp/bench-header-drip"), allow_loopback=True)
    print(
        f"server drips a header byte every {args.pause:g} s for {args.drip:g} s; read timeout "
        f"{settings.read_timeout_seconds:g} s, grace {settings.transfer_grace_seconds:g} s, "
        f"minimum rate {settings.min_transfer_bytes_per_second:,} B/s"
    )
    print(f"{'client':10} {'held for':>9}  outcome")
    for name, fetch in (("ours", ours), ("unpaced", unpaced)):
        with drip_server(head(args.drip, args.pause), pause=args.pause) as server:
            started = time.perf_counter()
            outcome = fetch(server.url("/t.vtt"), settings)
            print(f"{name:10} {time.perf_counter() - started:8.1f}s  {outcome}", flush=True)


if __name__ == "__main__":
    main()
