"""One local OpenAI base URL for both the chat server and the transcription server.

The stack has one `openai_base_url` for summaries and speech to text, so a
configuration using both needs one address: this forwards
/v1/chat/completions to a ChatServer and /v1/audio/transcriptions to a
TranscriptionServer, bytes unchanged, on 127.0.0.1 port 0.
"""

import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from tests.support.chat_server import ChatServer
from tests.support.transcription_server import TranscriptionServer


class OpenAIApi:
    def __init__(self) -> None:
        self.chat = ChatServer()
        self.transcription = TranscriptionServer()
        self._http: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._http is not None
        return f"http://127.0.0.1:{self._http.server_address[1]}/v1"

    def _backend(self, path: str) -> str:
        base = self.transcription.base_url if path.startswith("/v1/audio/") else self.chat.base_url
        return base.removesuffix("/v1") + path

    def __enter__(self) -> "OpenAIApi":
        self.chat.start()
        self.transcription.__enter__()
        api = self

        class Forward(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
                }
                request = urllib.request.Request(api._backend(self.path), body, headers, method="POST")
                try:
                    with urllib.request.urlopen(request, timeout=60) as answer:
                        status, answer_headers, data = answer.status, answer.headers, answer.read()
                except urllib.error.HTTPError as refused:
                    status, answer_headers, data = refused.code, refused.headers, refused.read()
                self.send_response(status)
                for name, value in answer_headers.items():
                    if name.lower() not in (
                        "content-length",
                        "transfer-encoding",
                        "connection",
                        "date",
                        "server",
                    ):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
        self._http.daemon_threads = True
        threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
        self.transcription.__exit__(kind, error, tb)
        self.chat.stop()
