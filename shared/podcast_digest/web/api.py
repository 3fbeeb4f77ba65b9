"""The one resolver behind the AWS subscription API function and `podcast-digest serve`."""

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

from podcast_digest.web.errors import register_error_handlers
from podcast_digest.web.routers.archive import archive_routes
from podcast_digest.web.routers.feeds import feed_routes
from podcast_digest.web.routers.pages import page_routes
from podcast_digest.web.routers.subscriptions import subscription_routes
from podcast_digest.web.routes import RouteTable
from podcast_digest.web.site import Site


def build_api(site: Site) -> APIGatewayHttpResolver:
    app = APIGatewayHttpResolver()
    table = RouteTable()
    for routes in (subscription_routes, page_routes, archive_routes, feed_routes):
        app.include_router(routes(site, table))
    register_error_handlers(app, site, table)
    return app
