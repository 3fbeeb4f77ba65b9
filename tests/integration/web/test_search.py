"""Search with SQLite FTS5: bm25 ranking, highlighted snippets, transcript hits at their second, backfill."""

import pytest

from podcast_digest.adapters.sqlite.search import SQLiteSearchIndex, match_expression
from podcast_digest.search.indexing import backfill, index_summary
from podcast_digest.web.routers.archive import MAX_HITS_PER_EPISODE
from tests.integration.subscriptions.flow import http_event
from tests.integration.web.conftest import AUDIO, EPISODE_ID, seed


def test_a_transcript_phrase_is_found_with_its_words_marked_and_its_second(ctx):
    (hit,) = [h for h in ctx.search.search("green apples") if h.kind == "transcript"]
    assert hit.episode_id == EPISODE_ID
    assert hit.start_seconds == 8.0
    assert [p.text for p in hit.snippet if p.marked] == ["green", "apples"]


def test_the_search_page_links_a_transcript_hit_to_its_second_in_the_audio(api):
    page = api(http_event("GET", "/search", query={"q": "lactobacilli microscope"}))["body"]
    assert f'href="{AUDIO}#t=19"' in page
    assert "<mark>lactobacilli</mark>" in page
    assert 'name="q" value="lactobacilli microscope"' in page, "the box keeps the query"


def test_the_episode_that_says_it_most_ranks_first(ctx):
    seed(
        ctx,
        "ep0002",
        cues=[(0.0, 9.0, "Rye rye rye: rye flour, rye bread and more rye.")],
        episode_title="All about rye",
    )
    seed(ctx, "ep0003", cues=[(0.0, 9.0, "A word on spelt, and once on rye.")], episode_title="Spelt")
    backfill(ctx.search, ctx.records, ctx.blobs)
    ranked = [h.episode_id for h in ctx.search.search("rye") if h.kind == "transcript"]
    assert ranked[0] == "ep0002"
    assert set(ranked) == {"ep0001", "ep0002", "ep0003"}


@pytest.mark.parametrize(
    "query", ['"', "NEAR(levain", "levain OR", "*", "- AND -", "col:levain", "x" * 500, "🍞"]
)
def test_query_syntax_typed_in_the_box_never_breaks_the_page(api, query):
    answer = api(http_event("GET", "/search", query={"q": query}))
    assert answer["statusCode"] == 200


def test_words_are_quoted_and_the_last_is_a_prefix():
    assert match_expression('levain" OR body:x') == '"levain" "OR" "body" "x"'
    assert match_expression("green appl") == '"green" "appl"*'
    assert match_expression("tomatoes the") == '"tomatoes" "the"', "a short last word is a word, not a prefix"
    assert match_expression("  ") is None


def test_backfill_indexes_summaries_stored_before_search_existed(ctx, tmp_path):
    fresh = SQLiteSearchIndex(tmp_path / "other.sqlite3")
    assert fresh.search("levain") == []
    assert backfill(fresh, ctx.records, ctx.blobs) == 1
    assert {h.episode_id for h in fresh.search("levain")} == {EPISODE_ID}
    assert backfill(fresh, ctx.records, ctx.blobs) == 0, "nothing twice"


def test_one_long_episode_does_not_drown_the_others_in_results(ctx, api):
    many = [(i * 6.0, i * 6.0 + 6, f"Rye again, part {i}.") for i in range(40)]
    seed(ctx, "ep0002", cues=many, episode_title="Rye all day")
    seed(ctx, "ep0003", cues=[(0.0, 9.0, "Rye, once.")], episode_title="Spelt")
    backfill(ctx.search, ctx.records, ctx.blobs)
    page = api(http_event("GET", "/search", query={"q": "rye"}))["body"]
    assert page.count('href="/summaries/ep0002"') <= MAX_HITS_PER_EPISODE
    assert 'href="/summaries/ep0003"' in page


def test_indexing_an_episode_again_replaces_its_passages(ctx):
    seed(ctx, EPISODE_ID, cues=[(0.0, 9.0, "Only buckwheat now.")])
    index_summary(ctx.search, ctx.blobs, ctx.records.get_summary(EPISODE_ID))
    assert [h for h in ctx.search.search("green apples") if h.kind == "transcript"] == []
    assert ctx.search.search("buckwheat")
