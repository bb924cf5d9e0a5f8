"""synthesis tag FILE."""

from __future__ import annotations

import json

import pytest

from synthesis.cli import main


@pytest.fixture()
def report(tmp_path):
    path = tmp_path / "รายงาน.txt"
    path.write_text("ผลการดำเนินงาน\n\n1. สมาชิกกลุ่มจักสานกระจูด 15 คน เข้ารับการอบรม\u200b\n", encoding="utf-8")
    return path


def test_commands_tag_json(report, capsys):
    assert main(["tag", str(report), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) >= {"text", "tokens", "segments", "entities", "changes", "versions"}
    text = payload["text"]
    assert "\u200b" not in text
    for span in payload["tokens"] + payload["segments"] + payload["entities"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert "กลุ่มจักสานกระจูด" in [t["text"] for t in payload["tokens"]]
    assert {"heading", "list_item", "sentence"} <= {s["kind"] for s in payload["segments"]}
    assert payload["versions"]["engine"] == "nlpo3"


def test_commands_tag_plain(report, capsys):
    assert main(["tag", str(report), "--no-entities"]) == 0
    out = capsys.readouterr().out
    assert "กลุ่มจักสานกระจูด|" in out
    assert "list_item" in out


def test_commands_tag_cp874_file(tmp_path, capsys):
    path = tmp_path / "legacy.txt"
    path.write_bytes("ประชุมกลุ่มผู้กรีดยาง".encode("cp874"))
    assert main(["tag", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "ประชุมกลุ่มผู้กรีดยาง"


def test_commands_tag_missing_file_names_it(tmp_path, capsys):
    missing = tmp_path / "ไม่มี.txt"
    assert main(["tag", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "ไม่มี.txt" in err and "synthesis tag" in err


def test_commands_tag_unknown_engine(report, capsys):
    assert main(["tag", str(report), "--engine", "deepcut"]) == 2
    assert "unknown tokenizer engine" in capsys.readouterr().err
