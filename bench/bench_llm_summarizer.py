"""Benchmark: the LLM summarizer's map-reduce against LangChain's map-reduce summarize chain.

Both summarize the 2h40 corpus episode (the Changelog #594) through the same
local chat-completions server (tests/support/chat_server.py), which answers
every call after a fixed simulated latency and counts calls and tokens (about
4 characters a token, for both; a request's JSON schema counts too, as a real
API bills it). Ours runs twice: "before" is one map call per part with the
reduce reading every note (how it worked until the notes were batched), "after"
is the default (batches of consecutive parts, the reduce's notes within what is
left of a 1.2x input budget). Printed for each: model calls, input tokens ÷
transcript tokens, the billed cost at gpt-4o-mini's list price (pricing.py),
sequential calls on the critical path (the longest chain of
calls each starting after the previous ended, from the server's timeline, at
the concurrency used), the dependency depth (how many calls deep the longest
chain of answers feeding later requests is: the critical path with unlimited
concurrency), wall time, and the most calls in flight at once.

LangChain lives in its own venv, bench/.venv-langchain, created on the first
run (`pip install langchain-classic langchain-openai`) and used only here: a
small driver runs in it as a subprocess. It is used as its documentation shows:
RecursiveCharacterTextSplitter with default settings and
`load_summarize_chain(llm, chain_type="map_reduce")`, both `.invoke` and
`.ainvoke`; token counting is given a download-free counter.

It also prints input tokens ÷ transcript tokens for each hour-long corpus
episode (issue 13's target: ≤ 1.2), next to the figures this loop printed at
fd4a9e9, before an hour became one map call.

Run: .venv/bin/python bench/bench_llm_summarizer.py [--latency 0.5] [--skip-langchain]
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import venv
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from podcast_digest.models import Episode, Feed  # noqa: E402
from podcast_digest.settings import Settings  # noqa: E402
from podcast_digest.summarization.llm import LLMSummarizer  # noqa: E402
from podcast_digest.summarization.llm.pricing import cost_usd  # noqa: E402
from podcast_digest.summarization.llm.prompts import section_transcript  # noqa: E402
from podcast_digest.summarization.sections import split_sections  # noqa: E402
from podcast_digest.transcription.publisher import parse_transcript  # noqa: E402
from tests.support.chat_server import ChatServer, estimate_tokens  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "transcripts" / "changelog__the-changelog-594.md"
# The hour-long corpus episodes, where a fixed cost per call weighs most against the transcript.
HOUR_LONG = ["changelog__practical-ai-100.md", "talkpython__386-h2o-wave.vtt", "talkpython__386-h2o-wave.txt"]
LANGCHAIN_VENV = Path(__file__).resolve().parent / ".venv-langchain"
LANGCHAIN_PACKAGES = ["langchain-classic", "langchain-openai"]

DRIVER = """
import asyncio, json, sys, time
from langchain_classic.chains.summarize import load_summarize_chain
from langchain_core.documents import Document
from langchain_openai import ChatOpenAI
from langchain_text_splitters import RecursiveCharacterTextSplitter

base_url, path, mode = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
# Offline: count tokens the way the server does (4 characters a token), never download a vocabulary.
llm = ChatOpenAI(
    model="gpt-4o-mini", base_url=base_url, api_key="sk-bench",
    custom_get_token_ids=lambda t: list(range(-(-len(t) // 4))),
)
docs = [Document(page_content=c) for c in RecursiveCharacterTextSplitter().split_text(text)]
chain = load_summarize_chain(llm, chain_type="map_reduce")
started = time.perf_counter()
out = asyncio.run(chain.ainvoke({"input_documents": docs})) if mode == "ainvoke" else chain.invoke({"input_documents": docs})
print(json.dumps({"chunks": len(docs), "seconds": time.perf_counter() - started, "chars": len(out["output_text"])}))
"""


@dataclass
class Row:
    name: str
    calls: int
    input_tokens: int
    output_tokens: int
    critical_path: int
    depth: int
    seconds: float
    max_in_flight: int
    longest_answer: int

    @property
    def cost(self) -> float:
        return cost_usd(MODEL, self.input_tokens, self.output_tokens)


MODEL = "gpt-4o-mini"
# The old way, through today's code: every part its own map call, the reduce reading every note.
BEFORE = {"batch_tokens": 1, "input_ratio": 100.0}


def measure(server: ChatServer, name: str, seconds: float) -> Row:
    return Row(
        name=name,
        calls=len(server.completed()),
        input_tokens=server.input_tokens,
        output_tokens=server.output_tokens,
        critical_path=server.critical_path(),
        depth=server.dependency_depth(),
        seconds=seconds,
        max_in_flight=server.max_in_flight,
        longest_answer=max((c.completion_tokens for c in server.completed()), default=0),
    )


def run_ours(server: ChatServer, transcript, concurrency: int, *, before: bool = False) -> Row:
    server.reset()
    settings = Settings(
        openai_api_key="sk-bench",
        openai_base_url=server.base_url,
        llm_max_concurrency=concurrency,
        llm_model=MODEL,
    )
    feed = Feed(feed_id="changelog", url="https://changelog.com/podcast/feed", title="The Changelog")
    episode = Episode(
        episode_id="594", feed_id="changelog", title="Microsoft's CTO of Azure on AI, security and Copilot"
    )
    summarizer = LLMSummarizer(settings, **(BEFORE if before else {}))
    started = time.perf_counter()
    summary = summarizer.summarize(feed, episode, transcript)
    seconds = time.perf_counter() - started
    assert summary.provenance.model_calls == len(server.completed())
    assert summary.provenance.input_tokens == server.input_tokens
    label = "before: a call per part" if before else "after: batched parts"
    return measure(server, f"ours {label}, concurrency {concurrency}", seconds)


def ensure_langchain() -> Path:
    python = LANGCHAIN_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {LANGCHAIN_VENV} with {' '.join(LANGCHAIN_PACKAGES)} (first run only)…", flush=True)
        venv.create(LANGCHAIN_VENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *LANGCHAIN_PACKAGES], check=True)
    return python


def run_langchain(server: ChatServer, python: Path, text_file: Path, mode: str) -> Row:
    server.reset()
    started = time.perf_counter()
    result = subprocess.run(
        [str(python), "-c", DRIVER, server.base_url, str(text_file), mode],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"LangChain driver failed:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # Wall time as the chain measured it (the subprocess's own start-up is not the chain's cost).
    return measure(
        server, f"LangChain map_reduce .{mode}() ({report['chunks']} chunks)", report["seconds"] or seconds
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency", type=float, default=0.5, help="simulated seconds per model call")
    parser.add_argument(
        "--output-tps",
        type=float,
        default=2000.0,
        help="simulated output tokens per second (a real model writes ~100: scaled 20x by default)",
    )
    parser.add_argument("--skip-langchain", action="store_true")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"the corpus transcript is not at {CORPUS}")

    transcript = parse_transcript(CORPUS.read_bytes(), hint=CORPUS.name, episode_id="594")
    sections = split_sections(transcript, target_seconds=270.0, max_tokens=6000)
    # Both get the same text: the transcript as our map step renders it (timed lines per speaker turn).
    text = "\n".join(section_transcript(s) for s in sections)
    transcript_tokens = estimate_tokens(text)
    print(
        f"episode: {CORPUS.name}, {transcript.duration / 3600:.2f} h, {transcript.word_count} words, "
        f"~{transcript_tokens} tokens, {len(sections)} sections; simulated latency {args.latency} s per call "
        f"+ 1 s per {args.output_tps:.0f} output tokens"
    )

    rows: list[Row] = []
    with ChatServer(latency=args.latency, output_tokens_per_second=args.output_tps) as server:
        rows.append(run_ours(server, transcript, 8, before=True))
        for concurrency in (8, 64):
            rows.append(run_ours(server, transcript, concurrency))
        if not args.skip_langchain:
            python = ensure_langchain()
            with tempfile.TemporaryDirectory() as folder:
                text_file = Path(folder) / "transcript.txt"
                text_file.write_text(text, encoding="utf-8")
                for mode in ("invoke", "ainvoke"):
                    rows.append(run_langchain(server, python, text_file, mode))

    with ChatServer() as server:
        print("\ninput tokens ÷ transcript tokens, default settings, per corpus episode (target ≤ 1.2):")
        for name in [*HOUR_LONG, CORPUS.name]:
            path = CORPUS.parent / name
            if not path.exists():
                print(f"  {name}: not in the corpus, skipped")
                continue
            episode_transcript = parse_transcript(path.read_bytes(), hint=path.name, episode_id="594")
            parts = split_sections(episode_transcript, target_seconds=270.0, max_tokens=6000)
            tokens = estimate_tokens("\n".join(section_transcript(s) for s in parts))
            row = run_ours(server, episode_transcript, 8)
            print(
                f"  {name:38} {episode_transcript.duration / 3600:5.2f} h {len(parts):3d} parts "
                f"{row.calls:3d} calls  {row.input_tokens / tokens:6.3f}x"
            )
    print(
        "  for comparison, the same loop at fd4a9e9 (before one map call per hour, the reduce budget and the "
        "quote cap): practical-ai-100 1.365x, talkpython-386 vtt 1.510x, txt 1.548x, changelog-594 1.183x"
    )

    header = (
        f"{'':52} {'calls':>6} {'in tok/transcript':>18} {'out tokens':>11} {'cost $':>8} "
        f"{'critical path':>14} {'depth':>6} {'wall s':>7} {'in flight':>10} {'longest answer':>15}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name:52} {row.calls:6d} {row.input_tokens / transcript_tokens:18.3f} {row.output_tokens:11d} "
            f"{row.cost:8.4f} {row.critical_path:14d} {row.depth:6d} {row.seconds:7.2f} {row.max_in_flight:10d} "
            f"{row.longest_answer:15d}"
        )
    print(
        "critical path: sequential calls in the server's timeline at that concurrency; depth: the same with "
        "unlimited concurrency (ours: map, then reduce, whatever the length). Cost: input and output "
        f"tokens at {MODEL}'s list price, no prompt caching (the server reports none). Longest answer: "
        "output tokens of the longest single answer (a batch of parts writes more per call)."
    )


if __name__ == "__main__":
    main()
