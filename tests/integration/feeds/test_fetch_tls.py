"""HTTPS through the pinned connection: SNI and the certificate are checked against the name."""

import http.server
import shutil
import ssl
import subprocess
import threading

import pytest

from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.feeds.fetch import SafeFetcher


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the fetcher's default context trusts it

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

        def do_GET(self):
            body = f"{self.headers['Host']}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_https_connects_to_the_checked_address_but_verifies_the_name(tls_server, settings):
    fetcher = SafeFetcher(settings)
    result = fetcher.fetch(f"https://localhost:{tls_server}/feed", max_bytes=1000)
    assert result.body == f"localhost:{tls_server}".encode()
    with pytest.raises(UpstreamUnavailable, match="certificate"):
        fetcher.fetch(f"https://127.0.0.1:{tls_server}/feed", max_bytes=1000)
