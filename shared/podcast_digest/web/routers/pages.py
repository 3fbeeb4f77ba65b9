"""Pages: sign-up (one per podcast, one for all) and the full summary page behind every digest.

GET /subscribe                  sign up for any of the podcasts
GET /podcasts/{slug}/subscribe  sign up for one
GET /summaries/{episode_id}     the full summary (the house page), with the site's bar on top
"""

import re

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from podcast_digest.digest import render_html
from podcast_digest.digest.outline import one_line
from podcast_digest.errors import NotFoundError
from podcast_digest.web import views
from podcast_digest.web.responses import html_response
from podcast_digest.web.routes import Routes, RouteTable
from podcast_digest.web.site import Site
from podcast_digest.web.slugs import feed_slugs, find_by_slug

EPISODE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def page_routes(site: Site, table: RouteTable) -> Router:
    routes = Routes(table)

    @routes.get("/subscribe")
    def signup_all() -> Response:
        feeds = [
            (f.feed_id, one_line(f.title) or f.url, True)
            for f in feed_slugs(site.records().list_feeds()).values()
        ]
        if not feeds:
            raise NotFoundError("there are no podcasts to subscribe to yet")
        title = "Subscribe to podcast summaries" if len(feeds) > 1 else f"Subscribe to {feeds[0][1]}"
        return html_response(200, views.render(site, "signup.html.j2", title, feeds=feeds))

    @routes.get("/podcasts/<slug>/subscribe")
    def signup_one(slug: str) -> Response:
        feed = find_by_slug(site.records().list_feeds(), slug)
        if feed is None:
            raise NotFoundError("there is no podcast at this address: pick one from the list of podcasts")
        title = one_line(feed.title) or feed.url
        return html_response(
            200,
            views.render(
                site, "signup.html.j2", f"Subscribe to {title}", feeds=[(feed.feed_id, title, True)]
            ),
        )

    @routes.get("/summaries/<episode_id>")
    def summary_page(episode_id: str) -> Response:
        summary = site.records().get_summary(episode_id) if EPISODE_ID.fullmatch(episode_id) else None
        if summary is None:
            raise NotFoundError("there is no summary at this address: check the link in your email")
        return html_response(200, views.with_site_bar(site, render_html(summary)))

    return routes.router
