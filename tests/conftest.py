"""Shared test set-up: offline PyThaiNLP with project-local data, and common paths."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import ipaddress
import socket

import pytest

import synthesis  # noqa: F401  (sets PYTHAINLP_OFFLINE and a project-local PYTHAINLP_DATA)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

assert os.environ.get("PYTHAINLP_OFFLINE") == "1"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def demo_corpus() -> Path:
    return ROOT / "corpora" / "demo"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The real programme pages in ../shared/seeds; tests using them skip when absent."""
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds is not present")
    return path


@pytest.fixture(scope="session")
def refi_qda_dir() -> Path:
    path = SHARED / "refi-qda"
    if not path.is_dir():
        pytest.skip("../shared/refi-qda is not present")
    return path


MINI_AREAS = ("songkhla-khae", "satun-na-thon")


@pytest.fixture(scope="session")
def mini_project(tmp_path_factory):
    """A project folder with lessons/ copied, a two-area demo corpus ingested into
    ``work/mini``, and codings by coder_a, coder_b and consensus (one disagreement per
    document). Use ``mini_home`` to make it the current project."""
    from synthesis.coding import CodingStore, new_coding
    from synthesis.corpus import ingest, open_store

    files = [f for area in MINI_AREAS for f in sorted((ROOT / "corpora" / "demo").rglob(f"{area}*"))]
    if len(files) < 4:
        pytest.skip("demo corpus files of the two areas are not there")
    home = tmp_path_factory.mktemp("project")
    (home / "lessons" / "codings").mkdir(parents=True)
    (home / "lessons" / "collections").mkdir()
    for name in ("areas.yaml", "codebook.yaml"):
        shutil.copy(ROOT / "lessons" / name, home / "lessons" / name)
    corpus = home / "corpora" / "mini"
    for file in files:
        target = corpus / file.parent.name / file.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(file, target)
    mp = pytest.MonkeyPatch()
    mp.setenv("SYNTHESIS_HOME", str(home))
    ingest(corpus, work_dir=home / "work" / "mini", progress=False)
    store = open_store(home / "work" / "mini")
    docs = store.documents()
    codings = []
    for doc in docs.itertuples():
        segments = store.table("segments", doc_ids=[doc.doc_id])
        sentences = segments[segments["kind"] == "sentence"].head(4)
        for i, seg in enumerate(sentences.itertuples()):
            code = ("success.partnership", "obstacle.income", "outcomes.health", "mechanism.health_fund")[i]
            for coder in ("coder_a", "coder_b", "consensus"):
                if coder == "coder_b" and i == 3:
                    code = "obstacle.external"  # one disagreement per document
                codings.append(new_coding(doc.doc_id, seg.start, seg.end, seg.text, doc.sha256, code, coder))
    CodingStore(home / "lessons").add(*codings)
    mp.undo()
    return home


@pytest.fixture()
def mini_home(mini_project, monkeypatch):
    """``mini_project`` as the current project (``SYNTHESIS_HOME``) for one test."""
    monkeypatch.setenv("SYNTHESIS_HOME", str(mini_project))
    return mini_project

# --- no network but this machine, for every test (issue 18) ------------------------------
# Any connection to an address that is not loopback, or a look-up of another host's name,
# fails at once: a test that would reach the internet (a model download, a remote LLM) fails
# loudly instead of passing on a connected machine. Subprocesses (Chromium, kernels) are not
# covered; the project gives them only 127.0.0.1 addresses.

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


_HOSTNAME = socket.gethostname()  # Dask and Jupyter name this machine; its look-up stays local


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
        if host not in (None, "localhost", _HOSTNAME) and not _loopback((host,)):
            raise NetworkBlocked(f"network blocked in tests: look-up of {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
