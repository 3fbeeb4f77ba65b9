"""OutboxMailer: "sends" by writing each message to a folder, the offline default.

The file is the record. A message with a stable Message-ID (every digest,
roundup and confirmation: podcast_digest.delivery sets one) is written as
``<delivery name>.eml`` (the Message-ID's left part, e.g.
``<episode>.<subscriber>.eml``): the exact MIME a mail server would get, which
any mail client opens, and then ``<delivery name>.html`` with the HTML part,
to open in a browser. A second send of the same message finds its ``.eml``
and writes nothing twice: exactly once, whatever crashed in between.

Each file is written unnamed (O_TMPFILE) and fsynced, then linked into place
under its name, so a kill at any moment leaves no half-written file and no
stray ``.part``; the link refuses to replace an existing file. The ``.eml``
lands first, so there is never an ``.html`` without its ``.eml``; an ``.eml``
whose ``.html`` a crash cut off gets it on the next send.

A full disk is StorageFull (the delivery waits, nothing is marked sent); a
folder we may not write is a ConfigurationError saying which.
"""

import contextlib
import errno
import os
import re
import secrets
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from podcast_digest.adapters.mail.mime import build_message
from podcast_digest.errors import ConfigurationError, StorageFull
from podcast_digest.models import OutgoingEmail

_SLUG_LENGTH = 60
_NAME_ATTEMPTS = 5
_FULL = {errno.ENOSPC, errno.EDQUOT}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def subject_slug(subject: str) -> str:
    """'Épisode 12: ça marche!' → 'episode-12-ca-marche' (ASCII, at most 60 characters)."""
    ascii_text = unicodedata.normalize("NFKD", subject).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_LENGTH].rstrip("-") or "message"


def delivery_stem(message_id: str) -> str:
    """'<abc.def@example.org>' → 'abc.def': the file name of a message with a stable Message-ID."""
    return message_id.strip("<>").rsplit("@", 1)[0]


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    os.fsync(descriptor)


def _link_unnamed(folder: Path, target: Path, data: bytes) -> bool:
    """Write through an unnamed file linked at the end; False where the filesystem has no O_TMPFILE."""
    try:
        descriptor = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o644)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return False  # no O_TMPFILE here (or no /proc): the named temporary file below
        raise
    folder_descriptor = None
    try:
        _write_all(descriptor, data)
        folder_descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        # linkat(AT_SYMLINK_FOLLOW) through /proc gives the unnamed file its name: atomic, and it
        # refuses to replace. (A plain os.link would link the /proc symlink itself.)
        os.link(
            f"/proc/self/fd/{descriptor}", target.name, dst_dir_fd=folder_descriptor, follow_symlinks=True
        )
    finally:
        os.close(descriptor)
        if folder_descriptor is not None:
            os.close(folder_descriptor)
    return True


def _write_new(folder: Path, name: str, data: bytes) -> None:
    """Write data to folder/name, atomically; FileExistsError if that name is taken."""
    target = folder / name
    if _link_unnamed(folder, target, data):
        return
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    try:
        _write_all(descriptor, data)
        os.link(temp_name, target)
    finally:
        os.close(descriptor)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class OutboxMailer:
    """A Mailer that writes messages to ``folder`` (created if missing)."""

    def __init__(self, folder: Path, *, message_id_domain: str | None = None) -> None:
        self.folder = Path(folder)
        self._message_id_domain = message_id_domain

    def send(self, email: OutgoingEmail) -> str:
        message = build_message(email, message_id_domain=self._message_id_domain)
        eml = message.as_bytes()
        html = email.html.encode("utf-8")  # the HTML part exactly as rendered (MIME adds a newline)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if email.message_id:
                self._write_pair(delivery_stem(email.message_id), eml, html, exist_ok=True)
            else:
                self._write_fresh(email.subject, eml, html)
            _sync_folder(self.folder)
        except OSError as exc:
            raise self._storage_error(exc) from exc
        return str(message["Message-ID"])

    def _write_pair(self, stem: str, eml: bytes, html: bytes, *, exist_ok: bool) -> None:
        try:
            _write_new(self.folder, f"{stem}.eml", eml)
        except FileExistsError:
            if not exist_ok:
                raise
            # Sent before (a re-run after a crash): the file is the record, nothing is written twice.
        with contextlib.suppress(FileExistsError):
            _write_new(self.folder, f"{stem}.html", html)

    def _write_fresh(self, subject: str, eml: bytes, html: bytes) -> None:
        """A message without a stable Message-ID: a new ``<UTC time>-<subject slug>-<short id>`` name."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        slug = subject_slug(subject)
        for _ in range(_NAME_ATTEMPTS):
            try:
                self._write_pair(f"{stamp}-{slug}-{secrets.token_hex(4)}", eml, html, exist_ok=False)
            except FileExistsError:
                continue
            return
        raise FileExistsError(
            f"could not find a free file name in {self.folder} after {_NAME_ATTEMPTS} tries: "
            "check that nothing else is writing there"
        )

    def _storage_error(self, exc: OSError) -> Exception:
        if exc.errno in _FULL:
            return StorageFull(
                f"the outbox {self.folder} is on a full disk ({exc.strerror}): free some disk space; "
                "nothing was marked sent, and the next run writes what is missing"
            )
        if exc.errno in _NOT_WRITABLE:
            return ConfigurationError(
                f"cannot write to the outbox {self.folder} ({exc.strerror}): make it writable, or "
                "run with a --home you may write to"
            )
        return exc
