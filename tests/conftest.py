"""Shared test set-up: offline PyThaiNLP with project-local data, and common paths."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
