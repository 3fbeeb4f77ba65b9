"""The subscription links: subscribe, confirm, one-click unsubscribe, manage.

POST /subscribe           double opt-in request (JSON or a form); the same 202 answer whatever the address
GET  /confirm?token=      a page with one button (link scanners follow GET links: GET changes nothing)
POST /confirm             confirms (the button's form carries the token)
GET  /unsubscribe?token=  a page with one button, and the manage page offered instead
POST /unsubscribe?token=  RFC 8058 one-click: honoured without cookies, body List-Unsubscribe=One-Click
GET|POST /manage?token=   which podcasts, how often
"""

import json

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import ConfigDict, Field, field_validator

from podcast_digest.digest.outline import one_line
from podcast_digest.errors import BadInputError
from podcast_digest.models import Frequency
from podcast_digest.models.base import DomainModel
from podcast_digest.subscriptions.link_views import FREQUENCY_WORDS, LinkView, link_view, mask_address
from podcast_digest.subscriptions.service import ManageView
from podcast_digest.subscriptions.tokens import MAX_TOKEN_CHARS, Purpose
from podcast_digest.web import requests, views
from podcast_digest.web.responses import html_response, json_response
from podcast_digest.web.routes import Routes, RouteTable
from podcast_digest.web.site import Site

ACCEPTED = (
    "If this address can receive our email, a confirmation link is on its way. "
    "Nothing is sent until you click it."
)


class SubscribeRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=320)
    feed_ids: list[str] = Field(min_length=1, max_length=20)
    frequency: Frequency = Frequency.PER_EPISODE

    @field_validator("feed_ids", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class ManageRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(max_length=MAX_TOKEN_CHARS)
    feed_ids: list[str] = Field(default_factory=list, max_length=50)
    frequency: Frequency = Frequency.PER_EPISODE


def subscribe_request(router: Router) -> SubscribeRequest:
    event = router.current_event
    if requests.wants_json(event):
        try:
            payload = json.loads(requests.body_bytes(event) or b"{}")
        except ValueError:
            raise BadInputError('the body is not JSON: send {"email": ..., "feed_ids": [...]}') from None
    else:
        fields = requests.form(event)
        payload = {k: v if k == "feed_ids" else v[0] for k, v in fields.items()}
    return SubscribeRequest.model_validate(payload)


def link_details(view: LinkView) -> list[tuple[str, str]]:
    details = []
    if view.podcast_titles:
        label = "Podcast" if len(view.podcast_titles) == 1 else "Podcasts"
        details.append((label, ", ".join(one_line(t) for t in view.podcast_titles)))
    if view.masked_address:
        details.append(("Address", view.masked_address))
    if view.frequency is not None:
        details.append(("How often", FREQUENCY_WORDS[view.frequency].capitalize()))
    return details


def manage_page(site: Site, view: ManageView, title: str) -> Response:
    feeds = [(f.feed_id, one_line(f.title) or f.url, chosen) for f, chosen in view.feeds]
    body = views.render(
        site,
        "manage.html.j2",
        title,
        address=mask_address(view.email),
        token=view.token,
        feeds=feeds,
        frequency=view.frequency.value,
    )
    return html_response(200, body)


def subscription_routes(site: Site, table: RouteTable) -> Router:
    routes = Routes(table)
    router = routes.router

    @routes.post("/subscribe")
    def subscribe() -> Response:
        request = subscribe_request(router)
        site.signups.admit(
            site.records(), requests.client_address(router.current_event), request.email, site.clock()
        )
        site.subscriptions().subscribe(request.email, request.feed_ids, request.frequency)
        if requests.wants_json(router.current_event):
            return json_response(202, {"message": ACCEPTED})
        return html_response(202, views.message(site, "Check your inbox", [ACCEPTED]))

    def button_page(
        purpose: Purpose, title: str, text: str, label: str, links: list[tuple[str, str]]
    ) -> Response:
        """A GET on an emailed link only checks it and shows a button; the POST acts."""
        token = requests.token_of(router.current_event)
        view = link_view(site.subscriptions(), token, purpose)  # a bad link says so now
        offered = links + ([("Manage your subscription instead", view.manage_url)] if view.manage_url else [])
        button = {"action": site.href(f"/{purpose.value}"), "token": token, "label": label}
        body = views.message(site, title, [text], details=link_details(view), button=button, links=offered)
        return html_response(200, body)

    @routes.get("/confirm")
    def confirm_page() -> Response:
        # Mail scanners open every link in an email: a GET that confirmed would let them opt people in.
        return button_page(
            Purpose.CONFIRM,
            "Confirm your subscription",
            "One click and the summaries start.",
            "Yes, send me summaries",
            [],
        )

    @routes.post("/confirm")
    def confirm() -> Response:
        event = router.current_event
        subscriber = site.subscriptions().confirm(requests.token_of(event, requests.form(event)))
        text = f"Summaries for {mask_address(subscriber.email)} will arrive at the frequency you chose."
        return html_response(200, views.message(site, "You are subscribed", [text]))

    @routes.get("/unsubscribe")
    def unsubscribe_page() -> Response:
        return button_page(
            Purpose.UNSUBSCRIBE, "Unsubscribe?", "One click and these summaries stop.", "Unsubscribe", []
        )

    @routes.post("/unsubscribe")
    def unsubscribe() -> Response:
        # RFC 8058: the token is in the URL and the body is List-Unsubscribe=One-Click; our own
        # page's button sends the token in the body instead. No cookie or session is ever needed.
        event = router.current_event
        token = event.get_query_string_value("token") or requests.token_of(event, requests.form(event))
        site.subscriptions().unsubscribe(token)
        body = views.message(site, "You are unsubscribed", ["You will get no more of these emails."])
        return html_response(200, body)

    @routes.get("/manage")
    def manage_view() -> Response:
        view = site.subscriptions().manage_view(requests.token_of(router.current_event))
        return manage_page(site, view, "Your podcast summaries")

    @routes.post("/manage")
    def manage_update() -> Response:
        fields = requests.form(router.current_event)
        request = ManageRequest(
            token=requests.token_of(router.current_event, fields),
            feed_ids=fields.get("feed_ids", []),
            frequency=fields.get("frequency", [Frequency.PER_EPISODE.value])[0],
        )
        view = site.subscriptions().update(request.token, request.feed_ids, request.frequency)
        return manage_page(site, view, "Saved")

    return router
