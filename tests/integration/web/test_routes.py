"""Unknown paths are 404, wrong methods 405 with Allow, HEAD works: never the catch-all 500."""

import urllib.error
import urllib.request

from tests.integration.subscriptions.flow import http_event


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_an_unknown_path_is_a_404_page_that_says_so(api, served):
    answer = api(http_event("GET", "/wp-admin/setup.php"))
    assert answer["statusCode"] == 404
    assert "Page not found" in answer["body"]
    status, headers, body = fetch(f"{served}/no/such/page")
    assert status == 404
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert b"There is nothing at this address" in body


def test_a_known_path_with_the_wrong_method_is_405_with_allow(api, served):
    answer = api(http_event("DELETE", "/subscribe"))
    assert answer["statusCode"] == 405
    assert answer["headers"]["Allow"] == "GET, HEAD, POST"
    assert api(http_event("PUT", "/summaries/ep0001"))["headers"]["Allow"] == "GET, HEAD"
    status, headers, _ = fetch(f"{served}/confirm", method="PATCH")
    assert status == 405
    assert headers["Allow"] == "GET, HEAD, POST"


def test_head_answers_like_get_without_a_body(served):
    status, headers, body = fetch(f"{served}/summaries/ep0001", method="HEAD")
    assert status == 200
    assert body == b""
    get_status, _, page = fetch(f"{served}/summaries/ep0001")
    assert get_status == 200
    assert int(headers["Content-Length"]) == len(page)
    assert fetch(f"{served}/", method="HEAD")[0] == 200


def test_a_fault_inside_a_page_is_still_a_500_that_reveals_nothing(ctx, api, monkeypatch):
    def broken(_episode_id):
        raise RuntimeError("disk full at /secret/path")

    monkeypatch.setattr(ctx.records, "get_summary", broken)
    answer = api(http_event("GET", "/summaries/ep0001"))
    assert answer["statusCode"] == 500
    assert "/secret/path" not in answer["body"]


def test_behind_a_trusted_proxy_the_sign_up_limit_counts_the_forwarded_client(ctx):
    import threading

    from podcast_digest.web.api import build_api
    from podcast_digest.web.context_site import site_from
    from podcast_digest.web.server import WebServer
    from podcast_digest.web.wsgi import ResolverApp
    from tests.integration.subscriptions.flow import form
    from tests.integration.web.conftest import BASE_URL, FEED_ID

    app = ResolverApp(build_api(site_from(lambda: ctx, archive_public=True, base_url=BASE_URL)))
    server = WebServer(app, "127.0.0.1", 0, trusted_proxy="127.0.0.1")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def sign_up(number: int, forwarded_for: str) -> int:
        request = urllib.request.Request(
            f"{server.url}/subscribe",
            data=form(email=f"p{number}@example.org", feed_ids=[FEED_ID]).encode(),
            headers={"X-Forwarded-For": forwarded_for, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    try:
        assert [sign_up(n, "198.51.100.7") for n in range(11)][-1] == 429
        assert sign_up(99, "203.0.113.9") == 202, "another client behind the same proxy is not blocked"
    finally:
        server.close()
        thread.join(5)
