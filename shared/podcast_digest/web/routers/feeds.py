"""Atom feeds: GET /atom.xml (every podcast) and GET /podcasts/{slug}/atom.xml (one). Public with the archive."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from podcast_digest.digest.outline import one_line
from podcast_digest.errors import NotFoundError
from podcast_digest.models import Feed
from podcast_digest.web.archive import SUMMARISED
from podcast_digest.web.atom import EPOCH, AtomEntry, atom_feed
from podcast_digest.web.responses import atom_response
from podcast_digest.web.routers.archive import require_public
from podcast_digest.web.routes import Routes, RouteTable
from podcast_digest.web.site import Site
from podcast_digest.web.slugs import feed_slugs, find_by_slug

MAX_ENTRIES = 50


def entries_for(site: Site, feeds: list[Feed]) -> list[AtomEntry]:
    records = site.records()
    entries = []
    for feed in feeds:
        for episode in records.list_episodes(feed.feed_id, SUMMARISED)[:MAX_ENTRIES]:
            summary = records.get_summary(episode.episode_id)
            if summary is None:
                continue
            updated = summary.provenance.created_at or episode.updated_at or episode.published_at or EPOCH
            entries.append(AtomEntry(summary, site.absolute(f"/summaries/{episode.episode_id}"), updated))
    return sorted(entries, key=lambda e: e.updated, reverse=True)[:MAX_ENTRIES]


def feed_routes(site: Site, table: RouteTable) -> Router:
    routes = Routes(table)

    @routes.get("/atom.xml")
    def everything() -> Response:
        require_public(site)
        feeds = list(feed_slugs(site.records().list_feeds()).values())
        body = atom_feed(
            "Podcast Digest: every summary",
            site.absolute("/atom.xml"),
            site.absolute("/"),
            entries_for(site, feeds),
        )
        return atom_response(body)

    @routes.get("/podcasts/<slug>/atom.xml")
    def one_podcast(slug: str) -> Response:
        require_public(site)
        feed = find_by_slug(site.records().list_feeds(), slug)
        if feed is None:
            raise NotFoundError("there is no podcast at this address: pick one from the list of podcasts")
        title = f"{one_line(feed.title) or feed.url}: summaries"
        self_url = site.absolute(f"/podcasts/{slug}/atom.xml")
        return atom_response(
            atom_feed(title, self_url, site.absolute(f"/podcasts/{slug}"), entries_for(site, [feed]))
        )

    return routes.router
