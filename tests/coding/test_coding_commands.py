"""The coding commands end to end on a tiny ingested corpus (two Thai interview-like files)."""

from __future__ import annotations

import json
import shutil

import pytest

from synthesis.cli import main
from synthesis.coding import CodingStore, new_coding

pytestmark = pytest.mark.slow  # ingests a corpus (tokenizer start-up can pass 2 s)

DOC_A = (
    "ถอดบทเรียนกลุ่มผู้กรีดยาง ตำบลทดสอบ\n\n"
    "ผู้ให้ข้อมูล: ใช้น้ำกรดแบตเตอรี่ใส่ถ้วยยางเพราะถูก มันกระเด็นเข้าตา\n\n"
    "ผู้ให้ข้อมูล: สมัครประกันสังคมมาตรา 40 ได้ 20 คน เพราะมีคนได้เงินชดเชยจริง\n\n"
    "ผู้ให้ข้อมูล: กองทุนหลักประกันสุขภาพของ อบต. ช่วยซื้อแว่นตาและถุงมือ\n"
)
DOC_B = "รายงานกิจกรรม\n\nอบรมการใช้เครื่องตัดหญ้าอย่างปลอดภัย ผู้เข้าร่วม 30 คน\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory, project_root):
    root = tmp_path_factory.mktemp("project")
    corpus = root / "corpora" / "mini"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(DOC_A, encoding="utf-8")
    (corpus / "b.txt").write_text(DOC_B, encoding="utf-8")
    lessons = root / "lessons"
    lessons.mkdir()
    shutil.copy(project_root / "lessons" / "areas.yaml", lessons / "areas.yaml")
    shutil.copy(project_root / "lessons" / "codebook.yaml", lessons / "codebook.yaml")
    from synthesis.corpus import ingest, open_store

    ingest(corpus, work_dir=root / "work" / "mini", areas_path=lessons / "areas.yaml", progress=False)
    store = open_store(root / "work" / "mini")
    docs = store.documents(columns=["doc_id", "path", "sha256", "text"]).set_index("path")
    return {"root": root, "lessons": lessons, "work": root / "work" / "mini", "docs": docs}


def args(project, *extra):
    return [*extra, "--work", str(project["work"]), "--lessons", str(project["lessons"])]


def code_quote(project, path, quote, code, coder):
    doc = project["docs"].loc[path]
    start = doc.text.index(quote)
    return new_coding(doc.doc_id, start, start + len(quote), quote, doc.sha256, code, coder)


def test_commands_code_rules_writes_rules_file(project, capsys):
    assert main(args(project, "code", "--rules", "--codebook", str(project["lessons"] / "codebook.yaml"))) == 0
    out = capsys.readouterr().out
    assert "rule codings written" in out
    rules = CodingStore(project["lessons"]).load("rules")
    assert {c.origin for c in rules} == {"rule"}
    assert "social_protection.section40" in {c.code_id for c in rules}
    from synthesis.semantic.provenance import read_provenance

    records, problems = read_provenance(project["lessons"], "rules")
    assert not problems and len(records) == len(rules)
    assert {r["coding_id"] for r in records} == {c.coding_id for c in rules}
    assert {r["action"] for r in records} == {"coded"}
    assert all(len(r["weights_sha256"]) == 64 and r["engine"].startswith("codebook rules") for r in records)


def test_commands_agree_and_reconcile(project, capsys):
    store = CodingStore(project["lessons"])
    store.replace_coder("coder_a", [
        code_quote(project, "a.txt", "ใช้น้ำกรดแบตเตอรี่ใส่ถ้วยยางเพราะถูก", "context.work_risk", "coder_a"),
        code_quote(project, "a.txt", "สมัครประกันสังคมมาตรา 40 ได้ 20 คน", "social_protection.section40", "coder_a"),
    ])
    store.replace_coder("coder_b", [
        code_quote(project, "a.txt", "ใช้น้ำกรดแบตเตอรี่ใส่ถ้วยยางเพราะถูก", "context.work_risk", "coder_b"),
        code_quote(project, "a.txt", "กองทุนหลักประกันสุขภาพของ อบต.", "mechanism.health_fund", "coder_b"),
    ])
    csv = project["root"] / "diff.csv"
    assert main(args(project, "agree", "--coders", "coder_a,coder_b", "--csv", str(csv))) == 0
    out = capsys.readouterr().out
    assert "context.work_risk" in out and "ALL" in out
    assert csv.is_file()
    assert main(args(project, "reconcile", "--coders", "coder_a,coder_b")) == 0
    consensus = CodingStore(project["lessons"]).load("consensus")
    assert [c.code_id for c in consensus] == ["context.work_risk"]
    assert main(args(project, "agree", "--coders", "coder_a")) == 2  # needs two coders


def test_commands_check_lists_orphans(project, capsys):
    store = CodingStore(project["lessons"])
    doc = project["docs"].loc["b.txt"]
    store.replace_coder("coder_c", [new_coding(doc.doc_id, 0, 5, "ข้อความที่ไม่มีแล้ว", doc.sha256, "ohs", "coder_c")])
    assert main(args(project, "codings", "check")) == 1
    out = capsys.readouterr().out
    assert "ORPHAN" in out and "ข้อความที่ไม่มีแล้ว" in out
    assert main(args(project, "codings", "check", "--write")) == 1
    saved = [json.loads(line) for line in store.path("coder_c").read_text(encoding="utf-8").splitlines()]
    assert saved[0]["orphaned"] is True and saved[0]["quote"] == "ข้อความที่ไม่มีแล้ว"
    store.path("coder_c").unlink()


def test_commands_missing_store_is_a_clear_error(project, tmp_path, capsys):
    code = main(["codings", "check", "--work", str(tmp_path / "nothing"), "--lessons", str(project["lessons"])])
    assert code == 2
    assert "no corpus store" in capsys.readouterr().err
