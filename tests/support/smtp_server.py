"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, a random port, optional STARTTLS and AUTH.

It records every message it accepts (envelope and raw bytes) and every
login attempt, with whether the connection was encrypted at that moment, so
a test can check a client upgraded with STARTTLS before sending credentials.
The TLS certificate is a throwaway self-signed one made per server for
127.0.0.1; `client_ssl_context` trusts exactly that certificate.
"""

import contextlib
import datetime
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

HOST = "127.0.0.1"
USERNAME = "digest-sender"
PASSWORD = "correct horse battery staple"


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    encrypted: bool

    def parsed(self) -> EmailMessage:
        message = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(message, EmailMessage)
        return message


@dataclass
class LoginAttempt:
    username: str
    encrypted: bool
    accepted: bool


@dataclass
class LocalSMTPServer:
    host: str
    port: int
    client_ssl_context: ssl.SSLContext | None
    username: str = USERNAME
    password: str = PASSWORD
    received: list[ReceivedMail] = field(default_factory=list)
    logins: list[LoginAttempt] = field(default_factory=list)
    # Reply codes to give, in order, to the next RCPT TO commands (e.g. 451, 550): tests of error mapping.
    rcpt_replies: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [mail.parsed() for mail in self.received]


def write_self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A P-256 key and a one-day certificate for 127.0.0.1 and localhost; returns (cert, key) paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "podcast-digest test SMTP")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


class _Handler:
    def __init__(self, server: LocalSMTPServer) -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.server.lock:
            reply = self.server.rcpt_replies.pop(0) if self.server.rcpt_replies else None
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        mail = ReceivedMail(
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            data=bytes(envelope.original_content or envelope.content),
            encrypted=session.ssl is not None,
        )
        with self.server.lock:
            self.server.received.append(mail)
        return "250 Message accepted for delivery"


class _LoopbackController(Controller):
    """Listens on a socket bound to port 0 beforehand: a free port with no race."""

    def __init__(self, handler: _Handler, listening: socket.socket, **smtp_parameters: object) -> None:
        self._listening = listening
        super().__init__(handler, hostname=HOST, port=listening.getsockname()[1], **smtp_parameters)

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self._listening, ssl=self.ssl_context)


@contextmanager
def smtp_server(folder: Path, *, starttls: bool = True, auth: bool = True) -> Iterator[LocalSMTPServer]:
    """Run a server for the duration of the block; with auth it checks USERNAME and PASSWORD."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind((HOST, 0))
    server_context = client_context = None
    if starttls:
        cert_path, key_path = write_self_signed_certificate(folder)
        server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_context.load_cert_chain(cert_path, key_path)
        client_context = ssl.create_default_context(cafile=str(cert_path))
    server = LocalSMTPServer(host=HOST, port=listening.getsockname()[1], client_ssl_context=client_context)

    def authenticate(smtp, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        username = auth_data.login.decode("utf-8", "replace")
        accepted = (
            username == server.username and auth_data.password.decode("utf-8", "replace") == server.password
        )
        with server.lock:
            server.logins.append(LoginAttempt(username, session.ssl is not None, accepted))
        return AuthResult(success=accepted, handled=False)

    parameters: dict[str, object] = {"ready_timeout": 10.0, "timeout": 30}
    if starttls:
        parameters.update(tls_context=server_context, require_starttls=False)
    if auth:
        # auth_require_tls=False on purpose: the server offers AUTH before STARTTLS and would take a
        # clear-text login, so only the client's own rule keeps credentials off the wire.
        parameters.update(authenticator=authenticate, auth_require_tls=False)
    controller = _LoopbackController(_Handler(server), listening, **parameters)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()
        listening.close()


# --- a server that misbehaves on purpose -------------------------------------------------------


@dataclass
class Misbehaviour:
    """How the scripted server answers: any reply code, or no answer at all ("drop", "hang")."""

    rcpt: str = "250 2.1.5 OK"
    data: str = "250 2.0.0 OK queued"  # the answer to the message (after its final dot)
    data_delay: float = 0.0  # seconds before that answer
    after_data: str = "reply"  # "reply", "drop" (close without answering) or "hang" (never answer)
    quit: str = "221 2.0.0 Bye"  # or "421 …", "drop", "hang"


@dataclass
class ScriptedSMTPServer:
    host: str
    port: int
    behaviour: Misbehaviour
    received: list[bytes] = field(default_factory=list)  # every message whose final dot arrived
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)

    def message_ids(self) -> list[str]:
        with self.lock:
            return [
                str(message_from_bytes(raw, policy=policy.default)["Message-ID"]) for raw in self.received
            ]


class _Conversation:
    """One SMTP session, by the script: plain sockets, so any answer (or silence) can be given."""

    def __init__(self, server: ScriptedSMTPServer, connection: socket.socket) -> None:
        self.server, self.connection = server, connection
        self.reader = connection.makefile("rb")

    def say(self, line: str) -> None:
        self.connection.sendall(line.encode("ascii") + b"\r\n")

    def answer(self, how: str) -> bool:
        """Give a scripted answer; False when the script says to drop or hang instead."""
        if how == "drop":
            return False
        if how == "hang":
            self.server.stopping.wait()
            return False
        self.say(how)
        return True

    def run(self) -> None:
        self.say("220 scripted.test ESMTP")
        for raw in self.reader:
            verb = raw.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
            if not self.command(verb):
                return

    def command(self, verb: str) -> bool:
        behaviour = self.server.behaviour
        if verb in ("EHLO", "HELO"):
            self.say("250-scripted.test\r\n250-8BITMIME\r\n250 SMTPUTF8")
        elif verb == "RCPT":
            self.say(behaviour.rcpt)
        elif verb == "DATA":
            self.say("354 End data with <CR><LF>.<CR><LF>")
            return self.message()
        elif verb == "QUIT":
            self.answer(behaviour.quit)
            return False
        else:  # MAIL, RSET, NOOP
            self.say("250 2.0.0 OK")
        return True

    def message(self) -> bool:
        lines = []
        for raw in self.reader:
            if raw in (b".\r\n", b".\n"):
                break
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        else:
            return False
        with self.server.lock:
            self.server.received.append(b"".join(lines))
        if self.server.stopping.wait(self.server.behaviour.data_delay):
            return False
        if self.server.behaviour.after_data != "reply":
            return self.answer(self.server.behaviour.after_data)
        return self.answer(self.server.behaviour.data)


@contextmanager
def misbehaving_smtp_server(behaviour: Misbehaviour) -> Iterator[ScriptedSMTPServer]:
    """A loopback SMTP server (port 0) that answers by `behaviour`, one thread per connection."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind((HOST, 0))
    listening.listen(8)
    listening.settimeout(0.2)
    server = ScriptedSMTPServer(host=HOST, port=listening.getsockname()[1], behaviour=behaviour)
    threads: list[threading.Thread] = []

    def converse(connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):
            _Conversation(server, connection).run()

    def accept() -> None:
        while not server.stopping.is_set():
            try:
                connection, _ = listening.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=converse, args=(connection,), daemon=True)
            thread.start()
            threads.append(thread)

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield server
    finally:
        server.stopping.set()
        acceptor.join(timeout=5)
        listening.close()
        for thread in threads:
            thread.join(timeout=5)
