"""The commands: embed, similar, themes, machine compare (TF-IDF: no extra needed)."""

from __future__ import annotations

import pytest

from synthesis.cli import main


@pytest.fixture()
def home(mini_home, monkeypatch):
    monkeypatch.setenv("SYNTHESIS_SEMANTIC_BACKEND", "tfidf")
    return mini_home


def test_commands_embed_says_what_it_did(home, capsys):
    assert main(["embed", "--collection", "mini"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("tfidf: ") and " units in " in out and "not cached" in out


def test_commands_similar_from_a_thai_passage(home, capsys):
    assert main(["similar", "ราคายางตกต่ำ รายได้ไม่พอ", "--collection", "mini", "-k", "3"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split()[:3] == ["rank", "score", "doc_id"] and len(lines) == 4


def test_commands_similar_from_a_coding(home, capsys):
    from synthesis.coding import CodingStore

    coding = CodingStore(home / "lessons").load("coder_a")[0]
    assert main(["similar", "--coding", coding.coding_id, "--collection", "mini", "-k", "5", "--other-areas"]) == 0
    out = capsys.readouterr().out
    assert coding.doc_id not in out


@pytest.mark.parametrize("argv, status, message", [
    (["similar", "--collection", "mini"], 2, "give a passage or --coding"),
    (["similar", "--coding", "nope", "--collection", "mini"], 1, "no coding 'nope'"),
    (["similar", "ยาง", "--collection", "mini", "--backend", "word2vec"], 1, "no semantic backend"),
    (["embed", "--collection", "nothing-here"], 1, "no corpus store"),
])
def test_commands_bad_input_is_explained(home, capsys, argv, status, message):
    assert main(argv) == status
    assert message in capsys.readouterr().err


def test_commands_themes_are_candidates_only(home, capsys):
    before = {p.name: p.read_bytes() for p in (home / "lessons" / "codings").glob("*.jsonl")}
    assert main(["themes", "--collection", "mini", "--clusters", "3"]) == 0
    out = capsys.readouterr().out
    assert "candidate-01" in out and "nothing was coded" in out
    assert {p.name: p.read_bytes() for p in (home / "lessons" / "codings").glob("*.jsonl")} == before


def test_commands_machine_compare_without_machine_coders(home, capsys):
    assert main(["machine", "compare", "--collection", "mini"]) == 0
    assert "no machine coder" in capsys.readouterr().out


@pytest.fixture()
def home_copy(mini_project, tmp_path, monkeypatch):
    """A project whose lessons/ is a copy (machine codings must not reach the shared one)."""
    import shutil

    shutil.copytree(mini_project / "lessons", tmp_path / "lessons")
    (tmp_path / "work").symlink_to(mini_project / "work")
    monkeypatch.setenv("SYNTHESIS_HOME", str(tmp_path))
    monkeypatch.setenv("SYNTHESIS_SEMANTIC_BACKEND", "tfidf")
    return tmp_path


def test_commands_machine_code_then_compare(home_copy, capsys):
    before = (home_copy / "lessons" / "codings" / "coder_a.jsonl").read_bytes()
    assert main(["machine", "code", "--collection", "mini", "--coders", "coder_a", "--min-score", "0.5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("machine.tfidf: ") and "provenance" in out
    assert (home_copy / "lessons" / "machine" / "machine.tfidf.provenance.jsonl").is_file()
    assert main(["machine", "compare", "--collection", "mini"]) == 0
    table = capsys.readouterr().out
    assert "machine.tfidf" in table and "coder_b" in table and "kappa" in table
    assert (home_copy / "lessons" / "codings" / "coder_a.jsonl").read_bytes() == before


def test_commands_embed_a_cached_backend_embeds_only_what_changed(mini_project, tmp_path, monkeypatch, capsys):
    """``synthesis embed`` with a cached backend goes through the same update as ingest."""
    import shutil

    from semantic.test_cache import CountingBackend
    from synthesis.semantic import backends

    backend = CountingBackend()
    monkeypatch.setitem(backends._REGISTRY, "counting", lambda **options: backend)
    work = tmp_path / "work" / "mini"
    shutil.copytree(mini_project / "work" / "mini", work)
    assert main(["embed", "--collection", "mini", "--work", str(work), "--backend", "counting"]) == 0
    first = capsys.readouterr().out
    assert "embedded in" in first and "mini.semantic/counting.parquet" in first
    assert main(["embed", "--collection", "mini", "--work", str(work), "--backend", "counting"]) == 0
    assert capsys.readouterr().out.startswith("counting: nothing to embed")
