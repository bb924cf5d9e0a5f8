"""The no_network fixture: loopback allowed, everything else refused."""

from __future__ import annotations

import socket
import threading

import pytest

BLOCKED = {"expected_exception": OSError, "match": "network blocked"}


@pytest.mark.parametrize("address", [("10.0.0.5", 80), ("93.184.216.34", 443), ("2001:db8::1", 443, 0, 0)])
def test_network_guard_refuses_other_hosts(address):
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock, pytest.raises(**BLOCKED):
        sock.connect(address)


def test_network_guard_refuses_name_lookups():
    with pytest.raises(**BLOCKED):
        socket.getaddrinfo("pypi.org", 443)


def test_network_guard_allows_loopback():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    accepted = threading.Thread(target=lambda: server.accept()[0].close())
    accepted.start()
    with socket.create_connection(server.getsockname(), timeout=5):
        pass
    accepted.join(5)
    server.close()
