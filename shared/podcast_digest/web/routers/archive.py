"""The archive: every podcast, its episodes newest first, and search across them all.

GET /                  the podcasts
GET /podcasts/{slug}   one podcast's episodes, status and provenance
GET /search?q=         every summary and transcript; a transcript hit links to its second in the audio

Public only when the operator says so (Site.archive_public); otherwise 404.
"""

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from podcast_digest.digest.outline import one_line
from podcast_digest.digest.timestamps import audio_link, format_timestamp
from podcast_digest.errors import NotFoundError
from podcast_digest.web import views
from podcast_digest.web.archive import MAX_EPISODES_SHOWN, episode_row, podcast_cards, show_notes
from podcast_digest.web.responses import html_response
from podcast_digest.web.routes import Routes, RouteTable
from podcast_digest.web.site import Site
from podcast_digest.web.slugs import feed_slugs, find_by_slug

MAX_QUERY_CHARS = 200
MAX_HITS = 30
MAX_HITS_PER_EPISODE = 3  # so one long episode that says a word often leaves room for the rest


def require_public(site: Site) -> None:
    if not site.archive_public:
        raise NotFoundError(
            "the archive is not public on this server: ask its operator for the link you need"
        )


def archive_routes(site: Site, table: RouteTable) -> Router:
    routes = Routes(table)
    router = routes.router

    @routes.get("/")
    def home() -> Response:
        require_public(site)
        return html_response(
            200, views.render(site, "home.html.j2", "Podcasts", podcasts=podcast_cards(site.records()))
        )

    @routes.get("/podcasts/<slug>")
    def podcast(slug: str) -> Response:
        require_public(site)
        records = site.records()
        feed = find_by_slug(records.list_feeds(), slug)
        if feed is None:
            raise NotFoundError("there is no podcast at this address: pick one from the list of podcasts")
        episodes = [
            episode_row(records, e, site.href(f"/summaries/{e.episode_id}"))
            for e in records.list_episodes(feed.feed_id)[:MAX_EPISODES_SHOWN]
        ]
        title = one_line(feed.title) or feed.url
        body = views.render(
            site, "podcast.html.j2", title, slug=slug, notes=show_notes(feed), episodes=episodes
        )
        return html_response(200, body)

    @routes.get("/search")
    def search() -> Response:
        require_public(site)
        query = (router.current_event.get_query_string_value("q") or "").strip()[:MAX_QUERY_CHARS]
        hits = search_hits(site, query) if query else []
        body = views.render(
            site, "search.html.j2", f"Search: {query}" if query else "Search", query=query, hits=hits
        )
        return html_response(200, body)

    return router


def search_hits(site: Site, query: str) -> list[dict[str, Any]]:
    index = site.search()
    if index is None:
        raise NotFoundError("search is not available on this server: browse the podcasts instead")
    records = site.records()
    public = {feed.feed_id for feed in feed_slugs(records.list_feeds()).values()}
    shown: list[dict[str, Any]] = []
    audio_urls: dict[str, str | None] = {}
    per_episode: dict[str, int] = {}
    for hit in index.search(query, limit=MAX_HITS * 4):
        if len(shown) == MAX_HITS:
            break
        # Drop-folder episodes are private; an episode already shown often enough leaves room.
        if hit.feed_id not in public or per_episode.get(hit.episode_id, 0) >= MAX_HITS_PER_EPISODE:
            continue
        per_episode[hit.episode_id] = per_episode.get(hit.episode_id, 0) + 1
        if hit.episode_id not in audio_urls:
            summary = records.get_summary(hit.episode_id)
            audio_urls[hit.episode_id] = summary.audio_url if summary is not None else None
        start = hit.start_seconds or 0.0
        shown.append(
            {
                "title": one_line(hit.title),
                "kind": hit.kind,
                "snippet": hit.snippet,
                "summary_href": site.href(f"/summaries/{hit.episode_id}"),
                "audio_href": audio_link(audio_urls[hit.episode_id], start)
                if hit.kind == "transcript"
                else None,
                "at": format_timestamp(start),
            }
        )
    return shown
