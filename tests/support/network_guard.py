"""A guard that keeps every test on this machine: connections go to loopback (or a Unix socket) only.

Tests talk to real local servers (HTTP, SMTP, chat completions) on 127.0.0.1;
nothing may reach another host, whatever a bug in the code under test does.
"""

import ipaddress
import socket
from collections.abc import Callable
from typing import Any


class ConnectionOutsideLoopback(AssertionError):
    """A test tried to reach a host that is not this machine."""


def _is_local(address: Any, family: int) -> bool:
    if family == getattr(socket, "AF_UNIX", None):
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(str(host).split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def guarded(connect: Callable[..., Any]) -> Callable[..., Any]:
    def connect_locally(self: socket.socket, address: Any) -> Any:
        if not _is_local(address, self.family):
            raise ConnectionOutsideLoopback(f"a test tried to connect to {address!r}: tests stay on loopback")
        return connect(self, address)

    return connect_locally
