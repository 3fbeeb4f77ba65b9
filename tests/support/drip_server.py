"""A raw-socket HTTP server on 127.0.0.1 that drips its status line and headers, for tests and benches.

http.server cannot drip its own headers: this one reads the request, then sends `head` a few
bytes at a time with a pause between sends, then `body`. It records, per connection, whether the
client hung up before it had sent everything.
"""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

BODY = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n"


@dataclass
class DripServer:
    """Answers every connection with `head` dripped `step` bytes every `pause` seconds, then `body`."""

    head: bytes
    pause: float = 0.02
    step: int = 1  # bytes per send
    body: bytes = BODY
    hung_up_early: list[bool] = field(default_factory=list)  # per connection: did the client leave first?
    _sock: socket.socket = field(default_factory=lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    _stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}{path}"

    def serve(self) -> None:
        self._sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            try:
                for at in range(0, len(self.head), self.step):
                    if self._stop.wait(self.pause):
                        return
                    conn.sendall(self.head[at : at + self.step])
                conn.sendall(self.body)
            except OSError:  # the client hung up on us: what a paced fetch does to a dripping server
                self.hung_up_early.append(True)
                return
            self.hung_up_early.append(False)


@contextmanager
def drip_server(head: bytes, *, pause: float = 0.02, step: int = 1) -> Iterator[DripServer]:
    server = DripServer(head=head, pause=pause, step=step)
    server._sock.bind(("127.0.0.1", 0))
    server._sock.listen(8)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server._stop.set()
        thread.join(5)
        server._sock.close()
