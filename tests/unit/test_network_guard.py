"""The test suite's own guard: a connection beyond loopback fails the test instead of leaving the machine."""

import socket

import pytest

from tests.support.network_guard import ConnectionOutsideLoopback


@pytest.mark.parametrize("address", [("192.0.2.10", 80), ("10.0.0.1", 443), ("8.8.8.8", 53)])
def test_a_connection_to_another_host_is_stopped_before_it_leaves(address):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(ConnectionOutsideLoopback):
        sock.connect(address)


def test_loopback_is_allowed():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
