"""Episodes gated at once stay within the monthly budget together: each paid step holds its
estimate before the engine is called, so the next gate counts it before anything is paid.

Before holds, every gate read an empty ledger (costs are filed only once a step is done), so a
first poll that started many executions together let all of them through.
"""

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from podcast_digest.costs.gate import summarizer_within_budget
from podcast_digest.errors import OverBudget
from podcast_digest.models import Episode, EpisodeStatus, Feed, Transcript
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context

NOVEMBER = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[3]
TRANSCRIPT = Transcript.model_validate(
    {
        "segments": [{"start": 0, "end": 3600, "text": "words about gardens " * 2000}],
        "source": {"kind": "speech_to_text", "engine": "openai"},
    }
)


def llm_settings(home: Path, budget: float | None) -> dict:
    # The gate prices the LLM summary without calling it: no server is needed.
    return {
        "home": str(home),
        "summarizer": "llm",
        "transcriber": "offline",
        "openai_api_key": "sk-test",
        "monthly_budget_usd": budget,
    }


def gate_context(home: Path, budget: float | None):
    ctx = build_context(load_settings(**llm_settings(home, budget)))
    ctx.clock = lambda: NOVEMBER
    return ctx


def transcribed(ctx, count: int) -> list[Episode]:
    ctx.records.put_feed(Feed(feed_id="feed-1", url="https://x.example/feed.xml", title="Show"))
    episodes = [
        Episode(episode_id=f"ep-{n}", feed_id="feed-1", status=EpisodeStatus.TRANSCRIBED)
        for n in range(count)
    ]
    for episode in episodes:
        ctx.records.put_episode(episode)
    return episodes


def one_summary_estimate(tmp_path: Path) -> float:
    probe = gate_context(tmp_path / "probe", None)
    [episode] = transcribed(probe, 1)
    priced, _ = summarizer_within_budget(probe, episode, TRANSCRIPT)
    assert priced.cost_estimate.summary_usd > 0
    return priced.cost_estimate.summary_usd


def test_gates_before_any_cost_is_filed_let_through_only_what_the_budget_covers(tmp_path):
    each = one_summary_estimate(tmp_path)
    ctx = gate_context(tmp_path / "home", 2.5 * each)
    first, second, third = transcribed(ctx, 3)

    summarizer_within_budget(ctx, first, TRANSCRIPT)
    summarizer_within_budget(ctx, second, TRANSCRIPT)
    with pytest.raises(OverBudget) as refused:
        summarizer_within_budget(ctx, third, TRANSCRIPT)

    assert ctx.records.list_costs("2026-11") == []  # nothing paid yet: the holds alone refused it
    assert "the LLM summary waits" in str(refused.value)
    assert f"(${2 * each:.4f} of it is held by steps under way)" in str(refused.value)
    summarizer_within_budget(ctx, first, TRANSCRIPT)  # a retry of a held step is not refused by its own hold


# One gate in its own interpreter, on the shared records file: prints "held" or "waits".
GATE = """
import json, os, sys, time
from datetime import UTC, datetime
from podcast_digest.costs.gate import summarizer_within_budget
from podcast_digest.errors import OverBudget
from podcast_digest.models import Transcript
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context

settings, episode_id, transcript, start = json.loads(sys.stdin.readline())
ctx = build_context(load_settings(**settings))
ctx.clock = lambda: datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
episode = ctx.records.get_episode(episode_id)
transcript = Transcript.model_validate_json(transcript)
print("ready", flush=True)
while not os.path.exists(start):  # every gate goes at once, its imports done
    time.sleep(0.001)
try:
    summarizer_within_budget(ctx, episode, transcript)
    print("held")
except OverBudget:
    print("waits")
"""


def test_gates_racing_in_separate_processes_hold_no_more_than_the_budget(tmp_path):
    each = one_summary_estimate(tmp_path)
    home = tmp_path / "home"
    ctx = gate_context(home, 3.5 * each)
    episodes = transcribed(ctx, 8)
    start = tmp_path / "start"
    settings = llm_settings(home, 3.5 * each)
    env = {"PYTHONPATH": str(REPO / "shared"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    gates = [
        subprocess.Popen(
            [sys.executable, "-c", GATE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in episodes
    ]
    for gate, episode in zip(gates, episodes, strict=True):
        order = [settings, episode.episode_id, TRANSCRIPT.model_dump_json(), str(start)]
        gate.stdin.write(json.dumps(order) + "\n")
        gate.stdin.close()
    try:
        assert [gate.stdout.readline().strip() for gate in gates] == ["ready"] * 8
        start.touch()
        said = [gate.stdout.read().strip() for gate in gates]
        assert [gate.wait(60) for gate in gates] == [0] * 8
    finally:
        for gate in gates:
            gate.kill()
    assert sorted(said) == ["held"] * 3 + ["waits"] * 5
