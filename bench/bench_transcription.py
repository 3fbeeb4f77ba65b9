"""Speech-to-text benchmark for a 1-hour episode.

Prints:
1. audio preparation (decode → mono 16 kHz → Opus chunks for the API) in × real
   time and peak memory: ours (PyAV, streaming) against pydub (what most
   projects use: decode the whole file into memory, then slice and export
   through the ffmpeg program), each in its own process so peaks don't mix;
2. the offline engine's real-time factor on a few minutes of espeak-ng speech,
   extrapolated to an hour (and labelled so);
3. the cost of one hour with each engine from transcription/pricing.py.

The episode is generated once (stereo 44.1 kHz 128 kbps MP3, like most
podcasts: espeak-ng speech looped to an hour) and kept in the temp folder.
pydub is not a project dependency: `pip install pydub` into the venv and
`apt-get install ffmpeg` to compare; otherwise a skip line is printed.

Run: .venv/bin/python bench/bench_transcription.py
"""

from __future__ import annotations

import io
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

EPISODE_SECONDS = 3600
SPEECH_TEXT = (
    "Welcome back to the show. Today we talk about the history of coffee and how it spread around the world. "
    "The first coffee houses opened in the fifteenth century, and they soon became places where people met "
    "to trade news, argue about politics and play games. Our guest is a farmer who grows beans in the "
    "mountains, and she tells us how the harvest has changed over the last twenty years. "
    "We also look at the science of roasting: why a light roast tastes of fruit and a dark roast of chocolate. "
    "After the break, listeners ask their questions, and we answer as many as we can. "
    "Thank you for listening, and see you next week. "
)
WORK = Path(tempfile.gettempdir()) / "podcast-digest-bench"


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--prepare":
        _child_prepare(sys.argv[2], Path(sys.argv[3]))
        return
    WORK.mkdir(exist_ok=True)
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print("skip: espeak-ng is not installed (apt-get install espeak-ng): no speech to benchmark with")
        return
    speech = _speech(espeak, WORK / "speech.wav")
    episode = _episode(speech, WORK / "episode-1h.mp3")
    print(
        f"episode: {episode.name}, {EPISODE_SECONDS / 60:.0f} min, {episode.stat().st_size / 1e6:.1f} MB MP3"
    )
    print()
    print("1. audio preparation for the API (mono 16 kHz Opus chunks ≤ 1400 s, 8 s overlap)")
    base = _measure("baseline", episode)
    ours = _measure("ours", episode)
    _report("ours (PyAV, streaming)", ours, base)
    if _pydub_ready():
        _report("pydub + ffmpeg", _measure("pydub", episode), base)
    print()
    print("2. offline engine (faster-whisper tiny.en int8, CPU)")
    _offline_rtf(speech)
    print()
    print("3. cost of one hour of audio (transcription/pricing.py)")
    _costs(ours.get("sent_seconds", EPISODE_SECONDS))


# --- the episode -------------------------------------------------------------------


def _speech(espeak: str, path: Path) -> Path:
    if not path.exists():
        subprocess.run(
            [espeak, "-v", "en-us", "-s", "160", "-w", str(path), SPEECH_TEXT], check=True, timeout=120
        )
    return path


def _episode(speech: Path, path: Path) -> Path:
    """Speech looped to an hour, as a stereo 44.1 kHz 128 kbps MP3 (made once, then reused).

    Encoding an hour of MP3 takes minutes on a small machine; MP3 frames can
    be joined end to end, so two minutes are encoded (no Xing or ID3 header)
    and repeated.
    """
    if path.exists():
        return path
    import av
    import numpy as np

    rate, piece_seconds = 44100, 120
    with av.open(str(speech)) as container:
        resampler = av.AudioResampler(format="fltp", layout="stereo", rate=rate)
        parts = [f.to_ndarray() for frame in container.decode(audio=0) for f in resampler.resample(frame)]
    clip = np.concatenate(
        [*parts, np.zeros((2, rate // 2), np.float32)], axis=1
    )  # half a second between loops
    loops = -(-piece_seconds * rate // clip.shape[1])
    piece = np.ascontiguousarray(np.tile(clip, loops)[:, : piece_seconds * rate])
    started = time.perf_counter()
    encoded = io.BytesIO()
    with av.open(encoded, "w", format="mp3", options={"write_xing": "0", "id3v2_version": "0"}) as out:
        stream = out.add_stream("libmp3lame", rate=rate)
        stream.layout = "stereo"
        stream.bit_rate = 128_000
        for start in range(0, piece.shape[1], rate):
            frame = av.AudioFrame.from_ndarray(piece[:, start : start + rate], format="fltp", layout="stereo")
            frame.sample_rate = rate
            frame.pts = start
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    partial = path.with_suffix(".part")
    partial.write_bytes(encoded.getvalue() * (EPISODE_SECONDS // piece_seconds))
    partial.rename(path)
    print(f"(generated the 1-hour episode in {time.perf_counter() - started:.0f}s; reused on later runs)")
    return path


# --- preparation, measured in a child process each -------------------------------------


def _measure(kind: str, episode: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--prepare", kind, str(episode)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        return {
            "error": done.stderr.strip().splitlines()[-1]
            if done.stderr.strip()
            else f"exit {done.returncode}"
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


def _report(label: str, result: dict, base: dict) -> None:
    if "error" in result:
        print(f"   {label:24s} failed: {result['error']}")
        return
    extra = result["peak_mb"] - base.get("peak_mb", 0)
    print(
        f"   {label:24s} {EPISODE_SECONDS / result['seconds']:5.0f}× real time by the clock "
        f"({result['seconds']:5.1f}s), {EPISODE_SECONDS / result['cpu_seconds']:5.0f}× per CPU second   "
        f"peak memory {result['peak_mb']:5.0f} MB (+{extra:.0f} MB over the bare interpreter)   "
        f"{result['chunks']} chunks, {result['bytes'] / 1e6:.1f} MB to upload"
    )


def _child_prepare(kind: str, episode: Path) -> None:
    import av  # noqa: F401 - both paths pay for the same imports; the baseline measures them
    import numpy  # noqa: F401

    started = time.perf_counter()
    if kind == "ours":
        result = _prepare_ours(episode)
    elif kind == "pydub":
        result = _prepare_pydub(episode)
    else:
        result = {"chunks": 0, "bytes": 0}
    result["seconds"] = time.perf_counter() - started
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds, ours plus the ffmpeg processes pydub runs: on a shared machine wall time says little.
    result["cpu_seconds"] = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    result["peak_mb"] = _peak_rss_mb()
    print(json.dumps(result))


def _peak_rss_mb() -> float:
    """This process's resident-memory high-water mark (VmHWM: unlike ru_maxrss, not inherited at fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _prepare_ours(episode: Path) -> dict:
    from podcast_digest.transcription.audio import ChunkPlan, encode_opus_chunks
    from podcast_digest.transcription.engines.openai_engine import (
        DEFAULT_CHUNK_SECONDS,
        DEFAULT_OVERLAP_SECONDS,
        MAX_UPLOAD_BYTES,
    )

    plan = ChunkPlan(DEFAULT_CHUNK_SECONDS, DEFAULT_OVERLAP_SECONDS, MAX_UPLOAD_BYTES)
    chunks = size = 0
    sent = 0.0
    with episode.open("rb") as source:
        for chunk in encode_opus_chunks(source, plan):
            chunks += 1
            size += len(chunk.data)
            sent += chunk.seconds
    return {"chunks": chunks, "bytes": size, "sent_seconds": sent}


def _prepare_pydub(episode: Path) -> dict:
    from pydub import AudioSegment

    audio = AudioSegment.from_file(str(episode)).set_channels(1).set_frame_rate(16000)
    chunk_ms, step_ms = 1380_000, 1372_000
    chunks = size = 0
    for start in range(0, len(audio), step_ms):
        buffer = io.BytesIO()
        audio[start : start + chunk_ms].export(buffer, format="ogg", codec="libopus", bitrate="24k")
        chunks += 1
        size += len(buffer.getvalue())
        if start + chunk_ms >= len(audio):
            break
    return {"chunks": chunks, "bytes": size}


def _pydub_ready() -> bool:
    try:
        import pydub  # noqa: F401
    except ImportError:
        print(
            "   pydub                    skipped: not installed (.venv/bin/pip install pydub; not a project dependency)"
        )
        return False
    if shutil.which("ffprobe") is None or shutil.which("ffmpeg") is None:
        print(
            "   pydub                    skipped: needs Debian's ffmpeg (apt-get install ffmpeg) for ffprobe"
        )
        return False
    return True


# --- offline engine ----------------------------------------------------------------------


def _loop_wav(speech: Path, target: Path, seconds: int) -> None:
    """The espeak clip repeated (whole loops) to about `seconds`, as a WAV of the same format."""
    with wave.open(str(speech), "rb") as clip:
        params, frames = clip.getparams(), clip.readframes(clip.getnframes())
    loops = max(1, round(seconds * params.framerate / max(params.nframes, 1)))
    with wave.open(str(target), "wb") as out:
        out.setparams(params)
        out.writeframes(frames * loops)


def _offline_rtf(speech: Path) -> None:
    from podcast_digest.adapters.folder_blobs import FolderBlobStore
    from podcast_digest.models import Episode
    from podcast_digest.settings import Settings
    from podcast_digest.transcription.engines import offline

    sample = WORK / "speech-3min.wav"
    if not sample.exists():
        _loop_wav(speech, sample, seconds=180)
    blobs = FolderBlobStore(WORK / "blobs")
    with sample.open("rb") as f:
        blobs.put_stream("audio/bench/speech.wav", f, "audio/wav")
    started = time.perf_counter()
    offline.load_model(offline.default_model_path(), offline.PINNED_MODEL_SHA256)
    loaded = time.perf_counter() - started
    engine = offline.OfflineWhisperTranscriber(Settings(), blobs)
    started = time.perf_counter()
    transcript = engine.transcribe(Episode(episode_id="bench", feed_id="bench"), "audio/bench/speech.wav")
    took = time.perf_counter() - started
    audio = transcript.source.audio_seconds or 1.0
    rtf = took / audio
    print(f"   model check + load       {loaded:.1f}s (once per process)")
    print(
        f"   real-time factor         {rtf:.3f} ({audio:.0f}s of speech in {took:.1f}s, {1 / rtf:.1f}× real time, "
        f"{transcript.word_count} words)"
    )
    print(
        f"   a 1-hour episode         ≈ {rtf * 60:.1f} min (extrapolated from the {audio / 60:.0f}-minute sample)"
    )


# --- cost ----------------------------------------------------------------------------------


def _costs(openai_sent_seconds: float) -> None:
    from podcast_digest.transcription.pricing import PRICE_PER_MINUTE_USD, transcription_cost_usd

    overlap = openai_sent_seconds / EPISODE_SECONDS
    for (engine, model), price in PRICE_PER_MINUTE_USD.items():
        seconds = openai_sent_seconds if engine == "openai" else EPISODE_SECONDS
        cost = transcription_cost_usd(engine, model, seconds)
        note = f" (incl. chunk overlaps: {overlap:.4f}× the audio)" if engine == "openai" else ""
        print(f"   {engine:18s} {model or '':26s} ${price:.4f}/min → ${cost:.3f} per hour{note}")


if __name__ == "__main__":
    main()
