"""Streaming a 1 GB enclosure into the folder blob store: peak memory stays small.

The local publisher generates the 1 GiB body on the fly (it never holds it).
download_enclosure streams it through SafeFetcher into FolderBlobStore. The
obvious alternative, reading the whole response into memory and then writing
it, is measured in a child process on 256 MiB (so this run stays quick and
the machine keeps its RAM); its peak grows with the file.

Run: .venv/bin/python bench/bench_enclosure.py
"""

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.feeds.enclosures import download_enclosure
from podcast_digest.feeds.fetch import SafeFetcher
from podcast_digest.models import Enclosure, Episode
from podcast_digest.settings import Settings
from tests.support.feed_server import FeedServer, Route

SIZE = 1024**3
NAIVE_SIZE = 256 * 1024**2
MP3_HEAD = b"ID3\x04\x00\x00\x00\x00\x00\x00"

NAIVE = """
import resource, sys, urllib.request
data = urllib.request.urlopen(sys.argv[1]).read()
open(sys.argv[2], "wb").write(data)
print(len(data), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    with FeedServer() as server, tempfile.TemporaryDirectory() as scratch:
        url = server.route(
            "/episode.mp3", Route(body=MP3_HEAD, generated_size=SIZE, content_type="audio/mpeg")
        )
        naive_url = server.route(
            "/small.mp3", Route(body=MP3_HEAD, generated_size=NAIVE_SIZE, content_type="audio/mpeg")
        )
        settings = Settings(home=Path(scratch), allow_loopback=True, max_audio_bytes=SIZE + 1)
        blobs = FolderBlobStore(Path(scratch) / "blobs")
        episode = Episode(
            episode_id="ep", feed_id="feed", title="1 GiB", audio=Enclosure(url=url, mime_type="audio/mpeg")
        )
        before = peak_rss_mib()
        started = time.perf_counter()
        key = download_enclosure(episode, fetcher=SafeFetcher(settings), blobs=blobs, settings=settings)
        elapsed = time.perf_counter() - started
        stored = blobs.path_for(key).stat().st_size
        print(
            f"streamed {stored / 1024**3:.2f} GiB into {key} in {elapsed:.1f} s ({stored / 1024**2 / elapsed:.0f} MiB/s)"
        )
        print(
            f"peak RSS of this process (client, blob store and the test server): {peak_rss_mib():.0f} MiB "
            f"(before the download: {before:.0f} MiB)"
        )
        blobs.delete(key)

        out = subprocess.run(
            [sys.executable, "-c", NAIVE, naive_url, str(Path(scratch) / "naive.mp3")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        print(
            f"alternative, urlopen(url).read() then write, on {int(out[0]) / 1024**2:.0f} MiB: "
            f"peak RSS {int(out[1]) / 1024:.0f} MiB (grows with the file: ~1 GiB+ for the 1 GiB episode)"
        )


if __name__ == "__main__":
    main()
