"""How close the budget's estimate is to what an episode is then billed, on the corpus transcripts.

For each corpus episode (a publisher transcript, so the summary is the only paid step) it prints:
- the estimate made before transcription, from the audio's length alone (what the transcribe
  step's gate uses: SPEECH_WORDS_PER_MINUTE), and the one made before the summary, from the
  transcript's own tokens (what the summarize step's gate uses);
- what the real LLM summarizer was then billed, against the local chat server
  (tests/support/chat_server.py: it counts about 4 characters a token on both sides, and answers
  with what the prompts ask for, so its output lengths stand in for a model's, not equal it);
- and, for speech to text, what an hour costs by the table for each engine.
The comparison is estimate / billed: above 1 the gate errs high (it holds an episode that would
have fitted), below 1 it errs low.

Run: .venv/bin/python bench/bench_cost_estimate.py
"""

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "shared"), str(REPO)]

from podcast_digest.adapters.folder_blobs import FolderBlobStore  # noqa: E402
from podcast_digest.costs.estimate import estimate_summary, spoken_tokens  # noqa: E402
from podcast_digest.models import Episode, Feed  # noqa: E402
from podcast_digest.settings import Settings  # noqa: E402
from podcast_digest.summarization.llm import LLMSummarizer  # noqa: E402
from podcast_digest.summarization.sections import estimate_tokens  # noqa: E402
from podcast_digest.transcription.pricing import PRICE_PER_MINUTE_USD, cost_per_hour_usd  # noqa: E402
from podcast_digest.transcription.publisher import parse_transcript  # noqa: E402
from tests.support.chat_server import ChatServer  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "transcripts"
EPISODES = [
    "talkpython__386-h2o-wave.vtt",
    "changelog__practical-ai-100.md",
    "changelog__the-changelog-594.md",
]


def main() -> None:
    present = [name for name in EPISODES if (CORPUS / name).is_file()]
    if not present:
        print(f"no corpus transcripts in {CORPUS}: nothing to measure")
        return
    print(
        f"{'episode':36} {'min':>5} {'est. from length $':>18} {'est. from text $':>16} {'billed $':>9} "
        f"{'length/billed':>13} {'text/billed':>11}"
    )
    with ChatServer() as chat, tempfile.TemporaryDirectory() as folder:
        settings = Settings(summarizer="llm", openai_api_key="sk-bench", openai_base_url=chat.base_url)
        for name in present:
            transcript = parse_transcript((CORPUS / name).read_bytes(), hint=name, episode_id=name)
            seconds = transcript.duration
            by_length = estimate_summary(settings, spoken_tokens(seconds), seconds).summary_usd
            by_text = estimate_summary(settings, estimate_tokens(transcript.text), seconds).summary_usd
            episode = Episode(
                episode_id=name.replace(".", "-"), feed_id="bench", title=name, duration_seconds=seconds
            )
            summarizer = LLMSummarizer(settings, FolderBlobStore(Path(folder) / name))
            billed = summarizer.summarize(
                Feed(feed_id="bench", url=""), episode, transcript
            ).provenance.cost_usd
            print(
                f"{name[:36]:36} {seconds / 60:5.0f} {by_length:18.4f} {by_text:16.4f} {billed:9.4f} "
                f"{by_length / billed:13.2f} {by_text / billed:11.2f}"
            )
    print("speech to text, one hour by the table:")
    for engine, model in PRICE_PER_MINUTE_USD:
        print(f"  {engine} {model or '':28} ${cost_per_hour_usd(engine, model):.2f}")


if __name__ == "__main__":
    main()
