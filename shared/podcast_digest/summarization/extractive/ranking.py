"""Rank sentences by how central they are, and pick a diverse few (LexRank + MMR).

Similarity matrices are built per part of the episode (a few hundred
sentences at most) and, across the episode, over a capped candidate set: a
3-hour episode never needs a similarity matrix over all of its sentences.
"""

from collections.abc import Callable, Sequence

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from podcast_digest.summarization.extractive.vocabulary import stem, words

_DAMPING = 0.85
_ITERATIONS = 40
# Two sentences at least this similar say the same thing: only one is kept.
DUPLICATE_SIMILARITY = 0.5


class SentenceSpace:
    """TF-IDF vectors of an episode's sentences (stemmed words, stop words removed)."""

    def __init__(self, texts: Sequence[str], stop_words: frozenset[str]) -> None:
        self._stop_words = stop_words
        self._vectorizer = TfidfVectorizer(
            analyzer=self._analyze, sublinear_tf=True, min_df=1, dtype=np.float32
        )
        has_content = any(self._analyze(t) for t in texts)
        if has_content:
            self.matrix: csr_matrix = self._vectorizer.fit_transform(texts).tocsr()
            self.terms: list[str] = list(self._vectorizer.get_feature_names_out())
        else:
            self.matrix = csr_matrix((len(texts), 1), dtype=np.float32)
            self.terms = []

    def _analyze(self, text: str) -> list[str]:
        return [stem(w) for w in words(text) if w not in self._stop_words and not w.isdigit() and len(w) > 1]

    def content_words(self, text: str) -> list[str]:
        return self._analyze(text)

    def rows(self, indices: Sequence[int]) -> csr_matrix:
        return self.matrix[list(indices)]

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        if not self.terms:
            return csr_matrix((len(texts), 1), dtype=np.float32)
        return self._vectorizer.transform(texts).tocsr()


def similarity(vectors: csr_matrix) -> np.ndarray:
    """Cosine similarities between rows (TF-IDF rows are already unit length)."""
    return np.asarray((vectors @ vectors.T).todense(), dtype=np.float32)


def lexrank(sim: np.ndarray) -> np.ndarray:
    """Centrality of each sentence: PageRank over the weighted similarity graph, scaled to max 1."""
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    weights = sim.copy()
    np.fill_diagonal(weights, 0.0)
    totals = weights.sum(axis=1, keepdims=True)
    # A sentence similar to nothing links to everyone equally (the random jump).
    transition = np.where(totals > 0, weights / np.where(totals > 0, totals, 1), 1.0 / n)
    rank = np.full(n, 1.0 / n, dtype=np.float64)
    for _ in range(_ITERATIONS):
        updated = (1 - _DAMPING) / n + _DAMPING * (transition.T @ rank)
        if np.abs(updated - rank).sum() < 1e-7:
            rank = updated
            break
        rank = updated
    top = rank.max()
    return (rank / top if top > 0 else rank).astype(np.float32)


def centroid_similarity(vectors: csr_matrix) -> np.ndarray:
    """How close each sentence is to the centre of the group it belongs to."""
    if vectors.shape[0] == 0:
        return np.zeros(0, dtype=np.float32)
    centroid = normalize(np.asarray(vectors.mean(axis=0)))
    return np.asarray(vectors @ centroid.T).ravel().astype(np.float32)


def mmr(
    relevance: Sequence[float],
    sim: np.ndarray,
    count: int,
    *,
    balance: float = 0.7,
    floor: float = 0.0,
    accept: Callable[[int], bool] | None = None,
    already: Sequence[int] = (),
) -> list[int]:
    """Maximal marginal relevance: up to `count` indices, relevant and unlike each other.

    A candidate under `floor` relevance, rejected by `accept`, or a near-duplicate of
    one already chosen (or of `already`) is never picked.
    """
    chosen: list[int] = []
    blocked = list(already)
    candidates = [i for i, r in enumerate(relevance) if r >= floor and (accept is None or accept(i))]
    while candidates and len(chosen) < count:
        best, best_score = -1, -np.inf
        for i in candidates:
            redundancy = max((float(sim[i, j]) for j in chosen + blocked), default=0.0)
            if redundancy >= DUPLICATE_SIMILARITY:
                continue
            score = balance * relevance[i] - (1 - balance) * redundancy
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
        candidates.remove(best)
    return chosen
