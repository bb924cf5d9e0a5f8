"""Lesson cards: validated, never silently altered, drafted from coded quotes."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from synthesis.analysis.cards import (CardError, CardPoint, LessonCard, card_section_of, load_card, load_cards,
                                      parse_card, save_card, unsupported_points)


@pytest.mark.parametrize("data, message", [
    ({"sections": {}}, "area"),
    ({"area": "yala-bala", "sections": {"ข้อดี": ["x"]}}, "unknown section"),
    ({"area": "yala-bala", "sections": {"obstacles": [{"text": "  "}]}}, "non-empty 'text'"),
    ({"area": "yala-bala", "sections": {"obstacles": [{"text": "ยางราคาตก", "codings": "c-1"}]}}, "list of coding ids"),
])
def test_cards_parse_names_the_problem(data, message):
    with pytest.raises(CardError, match=message):
        parse_card(data, "lessons/cards/yala-bala.yaml")


def test_cards_load_reports_yaml_error_with_file_and_line(tmp_path):
    path = tmp_path / "satun-na-thon.yaml"
    path.write_text("area: satun-na-thon\nsections:\n  obstacles: [\n", encoding="utf-8")
    with pytest.raises(CardError, match=r"satun-na-thon.yaml line \d+"):
        load_card(path)


@pytest.mark.parametrize("text", ["วัตถุดิบคลุ้มหายากขึ้นในฤดูแล้ง", "กองทุน อบต.แค สนับสนุน ๓ ปีต่อเนื่อง"])
def test_cards_save_then_load_round_trips_thai(tmp_path, text):
    card = LessonCard("songkhla-khae", "บทเรียนตำบลแค", {"obstacles": [CardPoint(text, ["c-1"], "ตรวจแล้ว")]})
    path = save_card(card, tmp_path / "songkhla-khae.yaml")
    assert load_card(path) == card
    assert text in path.read_text(encoding="utf-8")


def test_cards_load_cards_keeps_going_past_a_broken_card(tmp_path):
    save_card(LessonCard("yala-bala", "", {"results": [CardPoint("เกิดกลุ่มออมทรัพย์", ["c-2"])]}), tmp_path / "yala-bala.yaml")
    (tmp_path / "trang-huai-yot.yaml").write_text("area: [\n", encoding="utf-8")
    cards, errors = load_cards(tmp_path)
    assert list(cards) == ["yala-bala"]
    assert len(errors) == 1 and "trang-huai-yot.yaml" in errors[0]


@pytest.mark.parametrize("code_id, section", [
    ("success.leadership", "success_factors"), ("obstacle.income", "obstacles"),
    ("outcomes", "results"), ("qol.social_protection", None),
])
def test_cards_section_of_code(code_id, section):
    assert card_section_of(code_id) == section


def test_cards_unsupported_points_are_listed():
    card = LessonCard("yala-bala", "", {"results": [CardPoint("ก", []), CardPoint("ข", ["c-9"]), CardPoint("ค", ["c-1"])]})
    table = unsupported_points(card, ["c-1"])
    assert table["point"].tolist() == [1, 2]
    assert "c-9" in table.iloc[1]["reason"]


def test_cards_committed_demo_cards_are_valid(project_root):
    cards, errors = load_cards(project_root / "lessons" / "collections" / "demo" / "cards")
    assert not errors
    areas = {a["id"] for a in yaml.safe_load((project_root / "lessons" / "areas.yaml").read_text(encoding="utf-8"))["areas"]}
    assert set(cards) <= areas


@pytest.mark.parametrize("edit", ["text", "codings"])
def test_cards_points_hash_tells_an_edited_draft(edit):
    card = LessonCard("yala-bala", "", {"results": [CardPoint("ผู้ประกันตนเพิ่มจาก ๒๑ เป็น ๖๔ คน", ["c1"])]})
    card.draft_hash = card.points_hash()
    assert card.is_untouched_draft()
    point = card.sections["results"][0]
    if edit == "text":
        point.text += " ตามเป้า"
    else:
        point.codings.append("c2")
    assert not card.is_untouched_draft()


def test_cards_setting_and_edit_fields_round_trip(tmp_path):
    card = LessonCard("yala-bala", "บทเรียน", {"obstacles": [CardPoint("ราคายางตกต่ำ", ["c1"])]},
                      {"area_th": "ตำบลบาละ", "group": "กลุ่มผู้กรีดยาง", "period": "2563–2567"},
                      last_edited="2024-12-20T10:00:00Z", edited_by="mentor_a")
    assert load_card(save_card(card, tmp_path / "yala-bala.yaml")) == card
