"""Key Ideas: the episode's topics, each a heading and a few ideas.

Talk moves from topic to topic, so topics are found as runs of consecutive
parts that talk alike: agglomerative clustering (Ward) of the parts' TF-IDF
profiles, constrained to join only neighbours (numpy alone: the
Lambda layer carries no scikit-learn). An episode too short to have
enough parts is grouped the same way over its candidate sentences. Each
topic's ideas are its most central, mutually distinct candidate sentences.
Deterministic: no random start.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from podcast_digest.summarization.extractive.grammar import is_past_form, looks_like_a_verb
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
# How many more runs than wanted may be asked for when some are too thin to be topics.
_EXTRA_RUNS = 3


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
    if wanted <= 1 or len(parts) < 2:
        return _topic_groups({0: [i for p in parts for i in p]}, score_of, space)
    profiles = _part_profiles(parts, space)
    # A run too thin in ideas is dropped, so ask for a few more runs until the format's count is met.
    groups: list[TopicGroup] = []
    for runs in range(min(wanted, len(parts)), min(wanted + _EXTRA_RUNS, len(parts)) + 1):
        clusters: dict[int, list[int]] = {}
        for label, part in zip(ward_runs(profiles, runs), parts, strict=True):
            clusters.setdefault(label, []).extend(part)
        groups = _topic_groups(clusters, score_of, space)
        if len(groups) >= wanted:
            break
    return groups


def _topic_groups(
    clusters: dict[int, list[int]], score_of: dict[int, float], space: SentenceSpace
) -> list[TopicGroup]:
    """Each run of parts as a topic with its most central, distinct ideas; runs too thin are left out."""
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


def _part_profiles(parts: Sequence[Sequence[int]], space: SentenceSpace) -> np.ndarray:
    """Each part's TF-IDF profile (unit length): what the runs of neighbouring parts are clustered on."""
    return unit_rows(np.vstack([space.rows(p, compact=False).sum(axis=0) for p in parts]).astype(np.float64))


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


# Words that name no topic of their own: a heading or a one-sentence summary made of them says nothing
# ("talk about mentioned, information and create").
_NOT_TOPICS = frozenset(
    """thing things stuff lot lots way ways time times people person guy guys kind sort bit part parts point
    points idea ideas question questions example examples today tomorrow yesterday date day days week weeks
    month months year years episode episodes show shows podcast podcasts conversation conversations talk
    information place places world everybody everyone somebody someone anything everything something nothing
    case cases fact facts number numbers reason reasons problem problems answer answers side end
    beginning level levels area areas space spaces term terms side sides moment moments story stories
    experience experiences work job jobs team teams company companies human humans folks man woman men women
    friend friends question answer code model models developer developers build half hour hours minute minutes
    second seconds initial initially huge big great good bad new old different same other certain multiple
    several many various forward backward order future plug tool tools matter rest record recording
    degree extent regard respect sense afraid soon anytime later already ago again away else anyway ever""".split()  # noqa: SIM905
)


def is_topic(spelt: str) -> bool:
    """A noun phrase that names what the talk is about ("graph neural networks", "Azure", "red teaming"),
    not a verb ("create", "mentioned"), an adverb ("specifically"), a word of the talk itself ("episode",
    "information") or a phrase that opens or ends on one ("specifically highlighting AI", "recorded date")."""
    tokens = [w for w in spelt.replace("-", " ").split() if w]
    if not tokens:
        return False
    folded = [w.casefold() for w in tokens]
    if any(w.endswith("ly") and len(w) > 4 for w in folded) or folded[-1] in _NOT_TOPICS:
        return False
    if _opens_on_a_verb(folded[0], alone=len(tokens) == 1):
        return False
    if len(tokens) > 1:
        # Many nouns are verbs too ("cold starts", "build system"): only a past form, or the -ing form of a
        # verb of doing ("companies putting"), ends no topic.
        return not is_past_form(folded[-1]) and not (
            folded[-1].endswith("ing") and _ing_of_a_verb(folded[-1])
        )
    word = tokens[0]
    if re.search(r"(\w)\1\1", word):
        return False  # "Nooooo" is a cry, not a word
    if re.search(r"['’]s$", word):
        return False  # "Week's" (of "this week's question") says whose, and the thing is left out
    # A lone word: a name or an acronym ("Streamlit", "GDPR") is a topic; a common word only when long and specific.
    if any(c.isupper() for c in word):
        return True
    return len(word) >= 6 and not word.endswith("ing")


_SPOKEN_VERBS = frozenset({"hear", "listen", "wish", "guess", "wonder", "gotta", "gonna", "wanna"})


def _opens_on_a_verb(word: str, *, alone: bool) -> bool:
    """A phrase opening on a verb form says what someone did ("gotten thrown", "hear governance"); a plain
    verb may still name a thing before a noun ("pull requests", "build system"), but not on its own."""
    if word in _SPOKEN_VERBS:
        return True
    if alone:
        return looks_like_a_verb(word)
    # "provisioned concurrency" names a thing; "gotten thrown" says what happened.
    # "serialized version" says what was done to it: a past form in -ized/-ised opens no topic either;
    # nor does a verb's -ing form ("seeing deep learning", "doing data science").
    return (
        (word.endswith("en") and looks_like_a_verb(word))
        or word.endswith(("ized", "ised"))
        or (word.endswith("ing") and _ing_of_a_verb(word))
    )


# Verbs whose -ing form tells what someone is doing, never what a thing is ("training data" and "building
# blocks" are things, so "train" and "build" are not here).
_DOING = frozenset(
    "see do get go make take say think know come look try put keep talk tell give want start move".split()  # noqa: SIM905
)


def _ing_of_a_verb(word: str) -> bool:
    """ "seeing", "making", "getting": the -ing form of a verb of doing."""
    base = word[:-3]
    return any(b in _DOING for b in (base, base + "e", base[:-1]))


# Words that rate or size a thing rather than name it: a heading led by one, or made only of such words
# ("Tremendous Progress", "Massive Scale", "Faster", "Self Aware"), says how something is, not what.
_RATINGS = frozenset(
    """amazing arbitrary awesome aware basic better bigger cheaper cool crazy custom easier extra fast faster
    harder huge important incredible interesting long longer massive meteoric mind possible potential practical previous quicker ready
    self simple slower smaller super tremendous typical useful whole wild wonderful""".split()  # noqa: SIM905
)
# Nouns every talk says of any subject: alone (or with a rating) they head nothing ("Content", "Context").
_GENERIC = frozenset(
    """approach aspect concept content context effort result scenario suggestion update detail option
    progress process purpose situation solution value""".split()  # noqa: SIM905
)


def names_a_subject(spelt: str) -> bool:
    """A topic (is_topic) that can head a group: not led by a rating, nor made only of ratings and
    generic nouns ("Tremendous Progress", "Previous Efforts", "Content", "Faster" are not)."""
    if not is_topic(spelt):
        return False
    folded = [w.casefold() for w in spelt.replace("-", " ").split() if w.casefold() not in _SMALL]
    if not folded or folded[0] in _RATINGS or folded[0] in _WHICH_ONE:
        return False  # "Tremendous Progress" rates, "Certain Languages" says which, "Called Card" that a name follows
    if len(folded) == 1 and folded[0].endswith(_ADJECTIVE_ENDINGS):
        return False  # "Meaningful" says how a thing is, not what
    return not all(w in _RATINGS or w in _GENERIC or w.removesuffix("s") in _GENERIC for w in folded)


_SMALL = frozenset({"a", "an", "and", "of", "the", "for", "in", "on", "to", "with"})
_ADJECTIVE_ENDINGS = ("ful", "ous", "less", "able", "ible")
# Words that say which of a thing, never what ("natural language" is a thing, so "natural" is not here), and
# words that only introduce a name ("something called card" gives "Called Card").
_WHICH_ONE = frozenset(
    "certain multiple different various several particular specific same other own entire called named titled dubbed".split()  # noqa: SIM905
)
