"""SentenceSpace.rows keeps only the terms its sentences use, without np.unique (and numpy.ma)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from podcast_digest.summarization.extractive.english_stop_words import ENGLISH_STOP_WORDS
from podcast_digest.summarization.extractive.ranking import SentenceSpace, _sorted_unique

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("size", [0, 1, 2, 17, 1000])
def test_sorted_unique_is_np_unique(size):
    values = np.random.default_rng(size).integers(0, max(1, size // 3), size=size, dtype=np.int64)
    assert np.array_equal(_sorted_unique(values), np.unique(values))
    assert _sorted_unique(values).dtype == np.int64


def test_compact_rows_give_the_similarities_the_full_width_gives():
    texts = ["Compost feeds the soil.", "Water the tomatoes at dawn.", "Soil and compost, again.", "..."]
    space = SentenceSpace(texts, frozenset(ENGLISH_STOP_WORDS))
    compact, full = space.rows([0, 1, 2, 3]), space.rows([0, 1, 2, 3], compact=False)
    assert compact.shape[1] <= full.shape[1]
    assert np.allclose(compact @ compact.T, full @ full.T)


def test_summarizing_does_not_import_numpy_ma():
    # np.unique imports numpy.ma on first use: about 1 MB and a few ms that every summary paid.
    script = (
        "import sys\n"
        "from tests.unit.summarization.transcripts import evenly_timed\n"
        "from podcast_digest.models import Episode, Feed\n"
        "from podcast_digest.summarization.extractive import ExtractiveSummarizer\n"
        "texts = [f'We grow tomatoes number {n} on the balcony with compost and water every day.' for n in range(60)]\n"
        "ExtractiveSummarizer().summarize(Feed(feed_id='f', url='https://example.com/f'),"
        " Episode(episode_id='e', feed_id='f', title='Tomatoes'), evenly_timed(texts))\n"
        "print('numpy.ma' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO,
        env={"PYTHONPATH": f"{REPO / 'shared'}:{REPO}", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert out.stdout.strip().splitlines()[-1] == "False"
