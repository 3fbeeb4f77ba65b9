"""Rank sentences by how central they are, and pick a diverse few (LexRank + MMR).

Similarity matrices are built per part of the episode (a few hundred
sentences at most) and, across the episode, over a capped candidate set: a
3-hour episode never needs a similarity matrix over all of its sentences.
"""

import math
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from podcast_digest.summarization.extractive.vocabulary import stem, words

_DAMPING = 0.85
_ITERATIONS = 40
# Two sentences at least this similar say the same thing: only one is kept.
DUPLICATE_SIMILARITY = 0.5


class SentenceSpace:
    """TF-IDF vectors of an episode's sentences (stemmed words, stop words removed), on numpy alone.

    Sublinear term frequency, smoothed idf, unit-length rows: scikit-learn's
    TfidfVectorizer(sublinear_tf=True) without scikit-learn, which the Lambda layer
    does not carry. Rows are kept sparse (term ids and weights per sentence) and
    made dense only for the few hundred sentences a step compares.
    """

    def __init__(self, texts: Sequence[str], stop_words: frozenset[str]) -> None:
        self._stop_words = stop_words
        counts = [Counter(self._analyze(t)) for t in texts]
        document_frequency: Counter[str] = Counter()
        for sentence in counts:
            document_frequency.update(sentence.keys())
        self.terms: list[str] = sorted(document_frequency)
        self._column = {term: j for j, term in enumerate(self.terms)}
        n = len(texts)
        self._idf = {t: math.log((1 + n) / (1 + df)) + 1.0 for t, df in document_frequency.items()}
        self._rows = [self._weights(sentence) for sentence in counts]

    def _analyze(self, text: str) -> list[str]:
        return [stem(w) for w in words(text) if w not in self._stop_words and not w.isdigit() and len(w) > 1]

    def _weights(self, counts: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        known = [
            (self._column[t], (1.0 + math.log(c)) * self._idf[t]) for t, c in counts.items() if t in self._idf
        ]
        columns = np.array([j for j, _ in known], dtype=np.int64)
        values = np.array([w for _, w in known], dtype=np.float32)
        norm = float(np.sqrt(np.dot(values, values))) if len(values) else 0.0
        return columns, (values / norm if norm > 0 else values)

    def content_words(self, text: str) -> list[str]:
        return self._analyze(text)

    @property
    def width(self) -> int:
        return max(1, len(self.terms))

    def rows(self, indices: Sequence[int], *, compact: bool = True) -> np.ndarray:
        """Dense unit-length TF-IDF rows of these sentences (a sentence with no content words is all zero).

        Compact rows keep only the terms these sentences use: the same similarities and centroid
        at a fraction of the width; `compact=False` gives every row the episode's full vocabulary.
        """
        used = [self._rows[i] for i in indices]
        if compact:
            present = (
                _sorted_unique(np.concatenate([c for c, _ in used])) if used else np.zeros(0, dtype=np.int64)
            )
            width = max(1, len(present))
            used = [(np.searchsorted(present, c), v) for c, v in used]
        else:
            width = self.width
        matrix = np.zeros((len(indices), width), dtype=np.float32)
        for r, (columns, values) in enumerate(used):
            matrix[r, columns] = values
        return matrix


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique for a 1-d array, without the numpy.ma import np.unique makes on first use (~1 MB)."""
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length; all-zero rows stay zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def similarity(vectors: np.ndarray) -> np.ndarray:
    """Cosine similarities between rows (TF-IDF rows are already unit length)."""
    return np.asarray(vectors @ vectors.T, dtype=np.float32)


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


def centroid_similarity(vectors: np.ndarray) -> np.ndarray:
    """How close each sentence is to the centre of the group it belongs to."""
    if vectors.shape[0] == 0:
        return np.zeros(0, dtype=np.float32)
    centroid = unit_rows(vectors.mean(axis=0, keepdims=True))
    return (vectors @ centroid.T).ravel().astype(np.float32)


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
