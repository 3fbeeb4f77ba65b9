"""The offline summarizer runs on numpy alone: the Lambda layer carries numpy but not scikit-learn or scipy."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from podcast_digest.summarization.extractive.ranking import SentenceSpace, similarity
from podcast_digest.summarization.extractive.topics import ward_runs
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS
from tests.unit.summarization.episode_text import TOPICS

REPO = Path(__file__).resolve().parents[3]

# Run in a child so the guard cannot be bypassed by a module this test process already imported.
_WITHOUT_SCIKIT_LEARN = """
import json, sys
for name in ("sklearn", "scipy"):
    sys.modules[name] = None  # "import sklearn" now raises ImportError
from tests.unit.summarization.episode_text import episode_transcript, feed_and_episode
from podcast_digest.summarization.extractive import ExtractiveSummarizer
feed, episode = feed_and_episode()
summary = ExtractiveSummarizer().summarize(feed, episode, episode_transcript())
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sklearn", "scipy") and sys.modules[m] is not None)
print(json.dumps({"groups": len(summary.key_ideas), "parts": len(summary.in_depth), "loaded": loaded}))
"""


def test_the_summarizer_imports_and_runs_with_scikit_learn_and_scipy_unimportable():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "shared"), str(REPO), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_SCIKIT_LEARN],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert result["groups"] >= 3
    assert result["parts"] >= 3


def _sentences() -> list[str]:
    return [s for topic in TOPICS.values() for s in topic]


def test_tf_idf_rows_match_scikit_learns_vectorizer():
    text = pytest.importorskip("sklearn.feature_extraction.text", reason="scikit-learn is the reference here")
    texts = [*_sentences(), "", "um yeah"]
    ours = SentenceSpace(texts, ENGLISH_STOP_WORDS_PLUS)
    reference = text.TfidfVectorizer(analyzer=ours.content_words, sublinear_tf=True, dtype=np.float32)
    theirs = reference.fit_transform(texts).toarray()
    assert list(reference.get_feature_names_out()) == ours.terms
    mine = ours.rows(range(len(texts)))
    np.testing.assert_allclose(mine, theirs, atol=1e-5)
    np.testing.assert_allclose(similarity(mine), theirs @ theirs.T, atol=1e-5)


def test_neighbouring_runs_match_scikit_learns_connected_ward_clustering():
    cluster = pytest.importorskip("sklearn.cluster", reason="scikit-learn is the reference here")
    sparse = pytest.importorskip("scipy.sparse", reason="scipy builds the reference's connectivity")
    rng = np.random.default_rng(7)
    # Six runs of similar points, as talk moves from topic to topic.
    points = np.vstack([rng.normal(loc=rng.normal(size=12), scale=0.3, size=(5, 12)) for _ in range(6)])
    n = len(points)
    for k in (2, 4, 6, 9):
        neighbours = sparse.diags([np.ones(n - 1), np.ones(n - 1)], [-1, 1], shape=(n, n))
        model = cluster.AgglomerativeClustering(n_clusters=k, connectivity=neighbours, linkage="ward")
        theirs = model.fit_predict(points)
        ours = ward_runs(points, k)
        # Same partition (labels are arbitrary): two points share a run in one iff they do in the other.
        assert (np.equal.outer(ours, ours) == np.equal.outer(theirs, theirs)).all(), k
