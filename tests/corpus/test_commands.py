"""The corpus commands: synthesis parse, ingest, areas."""

from __future__ import annotations

import json
import os

import pytest

from synthesis.cli import main

REPORT = """กองทุนหลักประกันสุขภาพ อบต.นาทอน - กปท

โครงการสานคลุ้มปลอดภัย ตำบลนาทอน

ประชุมกลุ่มจักสานคลุ้ม8 กรกฎาคม 2563
8
กรกฎาคม 2563รายงานจากพื้นที่ โดย hawa_nt
circle
กิจกรรมที่ปฎิบัติ (รายละเอียดกิจกรรมที่ทำจริง)

ณ ศูนย์เรียนรู้ ต.นาทอน อ.ทุ่งหว้า จ.สตูล ผู้เข้าร่วม จำนวน ..20... คน
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "นาทอน corpus"
    folder.mkdir()
    (folder / "รายงาน ครั้งที่ 1.txt").write_text(REPORT, encoding="utf-8")
    return folder


def test_commands_parse_json(corpus, capsys):
    assert main(["parse", str(corpus / "รายงาน ครั้งที่ 1.txt"), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    for key in ("title", "date", "date_text", "reporter", "project", "provinces", "amphoe", "tambon",
                "participants_count", "sections", "kind"):
        assert key in record
    assert record["title"] == "ประชุมกลุ่มจักสานคลุ้ม" and record["date"] == "2020-07-08"
    assert record["provinces"] == ["สตูล"] and record["amphoe"] == ["ทุ่งหว้า"] and record["tambon"] == ["นาทอน"]
    assert record["participants_count"] == 20 and record["kind"] == "activity_report"


def test_commands_parse_unreadable_file_exits_1(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["parse", str(path), "--json"]) == 1
    assert "empty.txt: file is empty" in capsys.readouterr().err


def test_commands_ingest_ok_then_failure_exits_nonzero(corpus, tmp_path, capsys):
    work = tmp_path / "work"
    assert main(["ingest", str(corpus), "--work", str(work), "--quiet"]) == 0
    assert "added" in capsys.readouterr().out
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    os.symlink(corpus / "loop-b.txt", corpus / "loop-a.txt")
    os.symlink(corpus / "loop-a.txt", corpus / "loop-b.txt")
    assert main(["ingest", str(corpus), "--work", str(work), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "FAILED  broken.docx: file is not a readable .docx" in out
    assert "FAILED  loop-a.txt: symbolic link loop" in out
    assert "unchanged                           1" in out


def test_commands_areas_table(corpus, tmp_path, capsys):
    assert main(["areas", "--corpus", str(corpus), "--work", str(tmp_path / "work")]) == 0
    out = capsys.readouterr().out
    assert "satun-na-thon" in out and "place" in out and "รายงาน ครั้งที่ 1.txt" in out
