"""``synthesis indicators``: text and JSON output, errors that name what is wrong."""

from __future__ import annotations

import json

import pytest

from synthesis.cli import main

REPORT_1 = ("กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท\n\nประชุมชี้แจง18 ธันวาคม 2562\n18\n"
            "ธันวาคม 2562รายงานจากพื้นที่ โดย อับดุลเลาะ มะแซ\n\nณ อบต.บาละ อ.กาบัง จ.ยะลา\n"
            "ที่ประชุมตั้งเป้าหมายภายในปี 2565 คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน และมี อสอช. 6 คน\n")
REPORT_2 = ("กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท\n\nประชุมสรุปผล21 กรกฎาคม 2566\n21\n"
            "กรกฎาคม 2566รายงานจากพื้นที่ โดย อับดุลเลาะ มะแซ\n\nณ ต.บาละ อ.กาบัง จ.ยะลา\n"
            "ผลที่เกิดขึ้นจริง\n1. ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน (เป้าหมาย 60 คน) แต่มี 11 คนขาดส่ง\n"
            "2. ผู้กรีดยางผ่านการอบรม 58 คน (เป้า 60 คน)\n3. ผู้ถูกกรดกระเด็นใส่ลดจาก 17 คน เหลือ 3 คน\n")


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "mini"
    folder.mkdir()
    (folder / "bala_1.txt").write_text(REPORT_1, encoding="utf-8")
    (folder / "bala_2.txt").write_text(REPORT_2, encoding="utf-8")
    return folder


def test_commands_indicators_json(corpus, tmp_path, capsys):
    assert main(["indicators", "--corpus", str(corpus), "--work", str(tmp_path / "w"), "--area", "yala-bala",
                 "--json"]) == 0
    rows = {row["indicator"]: row for row in json.loads(capsys.readouterr().out)}
    members = rows["ผู้ประกันตนมาตรา 40"]
    assert (members["target"], members["baseline"], members["latest"], members["status"]) == (60, 21, 64, "met")
    assert members["target_date"] == "2019-12-18" and members["deadline"] == "2022-12-31"
    assert "11" in members["notes"][0] and rows["อสอช."]["status"] == "no result"


def test_commands_indicators_text(corpus, tmp_path, capsys):
    assert main(["indicators", "--corpus", str(corpus), "--work", str(tmp_path / "w"), "--area", "yala-bala"]) == 0
    out = capsys.readouterr().out
    assert "== yala-bala" in out and "ผู้ประกันตนมาตรา 40" in out and "เป้า ≥60" in out
    assert "ผู้กรีดยางผ่านการอบรม" in out and "ผู้ถูกกรดกระเด็นใส่" in out and "nan" not in out


@pytest.mark.parametrize("args, message", [
    (["--area", "nowhere"], "unknown area 'nowhere'"),
    (["--corpus-missing"], "corpus folder not found"),
])
def test_commands_indicators_errors_name_what_is_wrong(corpus, tmp_path, capsys, args, message):
    argv = ["indicators", "--corpus", str(corpus if args != ["--corpus-missing"] else tmp_path / "none"),
            "--work", str(tmp_path / "w")] + (args if args != ["--corpus-missing"] else [])
    assert main(argv) == 2
    assert message in capsys.readouterr().err
