"""Fixtures of the semantic tests: no network but this machine, and a small project.

``no_network`` (autouse here; proposed for the whole suite in tests/conftest.py) makes any
connection to an address that is not loopback fail at once, so a test that would reach the
internet (a model download, a remote LLM) fails loudly instead of passing on a connected
machine.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket

import pytest


class NetworkBlocked(OSError):
    """A test tried to connect somewhere other than 127.0.0.1 / ::1."""


def _loopback(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a name: it would need a DNS look-up, which is network


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Refuse connections to anything but loopback for the test's duration."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address):
            raise NetworkBlocked(f"network blocked in tests: connect to {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address):
            raise NetworkBlocked(f"network blocked in tests: connect to {address!r}")
        return real_connect_ex(self, address)

    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in (None, "localhost") and not _loopback((host,)):
            raise NetworkBlocked(f"network blocked in tests: look-up of {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield


@pytest.fixture()
def lessons_copy(mini_project, tmp_path):
    """A writable copy of the mini project's lessons/ (machine codings must not leak into
    the session's shared project)."""
    target = tmp_path / "lessons"
    shutil.copytree(mini_project / "lessons", target)
    return target


@pytest.fixture(scope="session")
def mini_index(mini_project):
    """The mini project's TF-IDF semantic index."""
    from synthesis.semantic.index import semantic_index

    return semantic_index("mini", "tfidf", mini_project / "work" / "mini")


@pytest.fixture(scope="session")
def mini_documents(mini_project):
    from synthesis.coding.rules import documents_from_store
    from synthesis.corpus import open_store

    return documents_from_store(open_store(mini_project / "work" / "mini"))
