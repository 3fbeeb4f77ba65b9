"""Benchmark: how well both summarizers' summaries read, on every corpus transcript.

For each transcript in ../shared/corpus/transcripts/ the offline (extractive)
summarizer and the LLM summarizer (through the local chat server,
tests/support/chat_server.py, which answers with the section's own sentences:
it shows the structure the LLM path builds, not a model's prose) summarise the
episode the way the pipeline does (sponsor reads cut first, where that step
exists). The counts (podcast_digest.summarization.quality) are printed per
part and in total, then per episode. `--save FILE` keeps the figures as JSON,
`--compare FILE` prints them beside an earlier run (the before/after table).

Run: PYTHONPATH=shared .venv/bin/python bench/bench_summary_quality.py [--only extractive] [--examples 5]
"""

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from podcast_digest.models import Episode, Feed, Summary, Transcript  # noqa: E402
from podcast_digest.settings import Settings  # noqa: E402
from podcast_digest.summarization import quality  # noqa: E402
from podcast_digest.summarization.extractive import ExtractiveSummarizer  # noqa: E402
from podcast_digest.summarization.llm import LLMSummarizer  # noqa: E402
from podcast_digest.transcription.publisher import parse_transcript  # noqa: E402
from tests.support.chat_server import ChatServer  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "transcripts"
# Titles and descriptions as the feeds give them (the transcripts carry none).
EPISODES = {
    "talkpython__386-h2o-wave": (
        "Realtime Web Apps and Dashboards with H2O Wave",
        "On this episode, we'll talk about H2O Wave, a dashboard framework for Python.",
    ),
    "changelog__the-changelog-594": (
        "Microsoft is all-in on AI: Part 1",
        "Mark Russinovich, Eric Boyd and Neha Batra talk AI red teaming, Azure AI and GitHub Copilot.",
    ),
    "changelog__practical-ai-100": (
        "Practical AI's 100th episode",
        "Jerod and Adam turn the tables on Chris and Daniel to celebrate 100 episodes of Practical AI.",
    ),
    "podcastnamespace__example": (
        "Podcasting 2.0 example episode",
        "An example episode of the Podcasting 2.0 namespace, about growing a podcast's audience.",
    ),
}
METRICS = (
    ("units", "statements"),
    ("empty_groups", "empty groups"),
    ("exact_repeats", "repeats across top parts (exact)"),
    ("near_repeats", "repeats across top parts (near)"),
    ("fragments", "fragments"),
    ("unsupported_headings", "headings not in their bullets"),
    ("headings", "headings"),
    ("short_titles", "lesson titles of 1-2 words"),
    ("one_word_titles", "lesson titles of 1 word"),
    ("narration", "narration phrases"),
    ("sponsor_text", "sponsor text outside Sponsors"),
    ("title_echoes", "lesson titles their explanation echoes"),
    ("hollow_titles", "hollow lesson titles"),
    ("name_promises", "promises that are a name or one word"),
    ("dangling_openings", "tl;dr sentences pointing back"),
    ("unthreaded", "tl;dr sentences off the thread"),
    ("chatter", "chatter shown as content"),
    ("non_topics", "non-topics (1-sentence, headings)"),
    ("loose_ideas", "ideas dangling or first-person chatter"),
    ("junk_promises", "promises: show, person, fragment, title"),
    ("no_statements", "tl;dr/concl. sentences no statement"),
    ("turned_titles", "lesson titles: question/joke/taken back"),
    ("weak_quotes", "quotes that plug, ask or point back"),
    ("no_ideas", "no idea: request/bio/cut off/no clause"),
    ("run_ons", "run-ons ending on a dangling word"),
    ("weak_headings", "headings naming no subject"),
    ("headings_said_once", "headings no two bullets say"),
    ("lessons_short", "top lessons under the format's count"),
    ("lonely_lesson_groups", "In-Depth lesson groups of one"),
    ("bare_conditions", "lessons explained by conditions alone"),
    ("unsettled_talk", "tl;dr/concl. run-on or tagged talk"),
    ("fill_bullets", "Key Ideas off heading: point back/own story"),
    ("anecdote_bullets", "Key Ideas on heading: own story"),
)
SHORT = {
    "quick_takes": "quick",
    "one_sentence": "1-sent",
    "quote": "quote",
    "tldr": "tl;dr",
    "key_ideas": "ideas",
    "lessons": "lessons",
    "conclusion": "concl",
    "in_depth_ideas": "ID-ideas",
    "in_depth_lessons": "ID-less",
}


def corpus_transcripts() -> list[tuple[str, Transcript]]:
    found = []
    for path in sorted(CORPUS.iterdir()):
        if "chapters" in path.name:
            continue  # a chapters file, not a transcript
        found.append((path.name, parse_transcript(path.read_bytes(), hint=path.name, episode_id=path.stem)))
    return found


def episode_for(name: str) -> tuple[Feed, Episode]:
    stem = name.rsplit(".", 1)[0]
    title, description = EPISODES.get(stem, (stem, ""))
    feed = Feed(feed_id="bench", url="https://podcast.example/feed.xml", title=stem.split("__")[0])
    return feed, Episode(episode_id=stem, feed_id="bench", title=title, description=description)


def summarize(summarizer: object, feed: Feed, episode: Episode, transcript: Transcript) -> Summary:
    """The pipeline's own route from transcript to summary (sponsor reads cut first, where it exists)."""
    try:
        from podcast_digest.summarization.talk import summarize_talk
    except ImportError:  # the code before sponsor reads were kept out: summarize directly
        return summarizer.summarize(feed, episode, transcript)  # type: ignore[attr-defined,no-any-return]
    return summarize_talk(summarizer, feed, episode, transcript)  # type: ignore[arg-type]


def run(label: str, make: Callable[[], object], transcripts: list[tuple[str, Transcript]]) -> dict:
    results = {}
    for name, transcript in transcripts:
        feed, episode = episode_for(name)
        started = time.perf_counter()
        summary = summarize(make(), feed, episode, transcript)
        elapsed = time.perf_counter() - started
        results[name] = (quality.score_summary(summary, transcript), elapsed)
    return {"label": label, "results": results}


def figures(qualities: list[quality.SummaryQuality]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for metric, _ in METRICS:
        row = {part: float(sum(getattr(q, metric).get(part, 0) for q in qualities)) for part in quality.PARTS}
        row["total"] = sum(row.values())
        table[metric] = row
    table["summary"] = {
        "fragment share %": 100 * quality.fragment_share(qualities),
        "mean words per idea": quality.mean_words_per_idea(qualities),
        "heading support %": 100 * quality.heading_support(qualities),
        "bullets saying their heading %: ideas": 100 * quality.strict_heading_support(qualities, "key_ideas"),
        "bullets saying their heading %: ID-ideas": 100
        * quality.strict_heading_support(qualities, "in_depth_ideas"),
        "quotes verified": float(sum(q.quote_verified for q in qualities)),
        "tl;dr covers Key Ideas headings %": 100
        * sum(q.tldr_headings[0] for q in qualities)
        / max(1, sum(q.tldr_headings[1] for q in qualities)),
        "episodes": float(len(qualities)),
        "In-Depth coverage % (mean)": 100
        * sum(q.in_depth_coverage for q in qualities)
        / max(1, len(qualities)),
    }
    for part in (*quality.IDEA_PARTS, "lessons", "in_depth_lessons", "tldr"):
        units = sum(q.units.get(part, 0) for q in qualities)
        table["summary"][f"words per statement: {SHORT[part]}"] = (
            sum(q.words.get(part, 0) for q in qualities) / units if units else 0.0
        )
    return table


def print_table(label: str, table: dict[str, dict[str, float]], before: dict | None) -> None:
    print(f"\n== {label}: totals over the corpus, per part" + (" (before → after)" if before else ""))
    print(f"{'':36}" + "".join(f"{SHORT[p]:>10}" for p in quality.PARTS) + f"{'total':>11}")
    for metric, title in METRICS:
        cells = []
        for part in (*quality.PARTS, "total"):
            now = table[metric][part]
            was = before.get(metric, {}).get(part) if before else None
            cell = f"{was:.0f}→{now:.0f}" if was is not None else (f"?→{now:.0f}" if before else f"{now:.0f}")
            cells.append(f"{cell:>10}" if part != "total" else f"{cell:>11}")
        print(f"{title:36}" + "".join(cells))
    for name, value in table["summary"].items():
        earlier = before.get("summary", {}).get(name) if before else None
        was = f"{earlier:7.1f} → " if earlier is not None else ""
        print(f"  {name:34} {was}{value:7.1f}")


def print_episodes(outcome: dict) -> None:
    print(f"-- {outcome['label']}, per episode")
    for name, (q, elapsed) in outcome["results"].items():
        print(
            f"  {name:38} {elapsed:5.2f} s  empty {q.total('empty_groups'):2}  repeats "
            f"{q.total('exact_repeats'):2}+{q.total('near_repeats'):2}  fragments {q.total('fragments'):3}/"
            f"{sum(q.units[p] for p in quality.STATEMENT_PARTS):3}  words/idea "
            f"{quality.mean_words_per_idea([q]):4.1f}  headings {100 * quality.heading_support([q]):3.0f}%  "
            f"short titles {q.total('short_titles'):2}  narration {q.total('narration')}  sponsor "
            f"{q.total('sponsor_text')}  quote {'yes' if q.quote_verified else 'no '}  "
            f"In-Depth {100 * q.in_depth_coverage:3.0f}%  echoes {q.total('title_echoes')}  hollow "
            f"{q.total('hollow_titles')}  name promises {q.total('name_promises')}  tl;dr off-thread "
            f"{q.total('dangling_openings')}+{q.total('unthreaded')}  chatter {q.total('chatter')}  non-topics "
            f"{q.total('non_topics')}  lessons {q.units.get('lessons', 0)}"
        )


def print_examples(outcome: dict, count: int) -> None:
    for name, (q, _) in outcome["results"].items():
        for kind, texts in q.examples.items():
            for text in texts[:count]:
                print(f"    [{outcome['label']}] {name} {kind}: {text[:160]}")


def llm_summarizer(server: ChatServer) -> Callable[[], object]:
    settings = Settings(
        openai_api_key="sk-bench-not-a-real-key", openai_base_url=server.base_url, llm_model="gpt-4o-mini"
    )
    return lambda: LLMSummarizer(settings, None, timeout_seconds=30.0, max_retries=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("extractive", "llm"))
    parser.add_argument("--examples", type=int, default=0, help="print this many examples of each defect")
    parser.add_argument("--save", type=Path, help="write the figures as JSON")
    parser.add_argument("--compare", type=Path, help="print beside figures an earlier run saved")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: the corpus {CORPUS} is absent (it lives beside the repo in ../shared)")
        return 0
    transcripts = corpus_transcripts()
    earlier = json.loads(args.compare.read_text()) if args.compare else {}
    saved = {}
    outcomes = []
    if args.only in (None, "extractive"):
        outcomes.append(run("extractive", ExtractiveSummarizer, transcripts))
    if args.only in (None, "llm"):
        with ChatServer() as server:
            outcomes.append(run("llm (chat server)", llm_summarizer(server), transcripts))
    for outcome in outcomes:
        table = figures([q for q, _ in outcome["results"].values()])
        saved[outcome["label"]] = table
        print_table(outcome["label"], table, earlier.get(outcome["label"]))
        print_episodes(outcome)
        if args.examples:
            print_examples(outcome, args.examples)
    if args.save:
        args.save.write_text(json.dumps(saved, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
