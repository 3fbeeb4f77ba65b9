"""Key Ideas: the episode's topics, each a heading and a few ideas.

Talk moves from topic to topic, so topics are found as runs of consecutive
parts that talk alike: agglomerative clustering (Ward) of the parts' TF-IDF
profiles, constrained to join only neighbours (numpy alone: the
Lambda layer carries no scikit-learn). An episode too short to have
enough parts is grouped the same way over its candidate sentences. Each
topic's ideas are its most central, mutually distinct candidate sentences.
Deterministic: no random start.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from podcast_digest.summarization.extractive.ranking import (
    SentenceSpace,
    centroid_similarity,
    mmr,
    similarity,
    unit_rows,
)

MIN_GROUPS, MAX_GROUPS = 6, 10
MIN_IDEAS, MAX_IDEAS = 3, 5
# About one topic per quarter hour of talk, within the format's 6-10.
_SECONDS_PER_TOPIC = 900.0


@dataclass(frozen=True)
class TopicGroup:
    members: list[int]  # every sentence of the topic (episode indices, in time order)
    ideas: list[int]  # the chosen ideas, in time order


def group_topics(
    parts: Sequence[Sequence[int]],
    candidates: Sequence[int],
    relevance: Sequence[float],
    space: SentenceSpace,
    *,
    duration_seconds: float,
) -> list[TopicGroup]:
    """Topic groups from the parts' sentences; ideas come from `candidates` (relevance aligned with it)."""
    wanted = int(np.clip(round(duration_seconds / _SECONDS_PER_TOPIC), MIN_GROUPS, MAX_GROUPS))
    score_of = dict(zip(candidates, relevance, strict=True))
    parts = [p for p in parts if p]
    if len(parts) < MIN_GROUPS:
        # Too few parts to group: find the topic runs among the candidate sentences themselves.
        parts = [[i] for i in candidates]
        wanted = min(wanted, len(parts) // MIN_IDEAS)
    clusters: dict[int, list[int]] = {}
    if wanted <= 1 or len(parts) < 2:
        clusters[0] = [i for p in parts for i in p]
    else:
        for label, part in zip(_neighbouring_runs(parts, space, min(wanted, len(parts))), parts, strict=True):
            clusters.setdefault(label, []).extend(part)
    groups = []
    for members in clusters.values():
        pool = [i for i in sorted(members) if i in score_of]
        if not pool:
            continue
        rows = space.rows(pool)
        centrality = centroid_similarity(rows)
        score = [0.5 * float(centrality[j]) + 0.5 * score_of[i] for j, i in enumerate(pool)]
        picked = mmr(score, similarity(rows), MAX_IDEAS)
        if len(picked) < MIN_IDEAS and len(clusters) > 1:
            continue  # too thin to stand as a topic
        groups.append(TopicGroup(members=sorted(members), ideas=sorted(pool[j] for j in picked)))
    groups.sort(key=lambda g: g.members[0])
    return groups


def _neighbouring_runs(parts: Sequence[Sequence[int]], space: SentenceSpace, k: int) -> list[int]:
    """A label per part; equal labels form one run of consecutive parts."""
    profiles = unit_rows(np.vstack([space.rows(p).sum(axis=0) for p in parts]).astype(np.float64))
    return ward_runs(profiles, k)


def ward_runs(points: np.ndarray, k: int) -> list[int]:
    """Ward clustering of a sequence into `k` runs: repeatedly join the two neighbouring runs
    whose merge adds least variance (n_a*n_b/(n_a+n_b) * |mean_a - mean_b|^2)."""
    sizes = [1.0] * len(points)
    means = [row for row in points]
    starts = list(range(len(points)))  # first point of each run, in order
    while len(starts) > max(1, k):
        costs = [
            sizes[j]
            * sizes[j + 1]
            / (sizes[j] + sizes[j + 1])
            * float(np.sum((means[j] - means[j + 1]) ** 2))
            for j in range(len(starts) - 1)
        ]
        j = int(np.argmin(costs))
        total = sizes[j] + sizes[j + 1]
        means[j] = (means[j] * sizes[j] + means[j + 1] * sizes[j + 1]) / total
        sizes[j] = total
        del means[j + 1], sizes[j + 1], starts[j + 1]
    labels = []
    for run, first in enumerate(starts):
        end = starts[run + 1] if run + 1 < len(starts) else len(points)
        labels.extend([run] * (end - first))
    return labels
