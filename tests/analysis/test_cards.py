"""Lesson cards: validated, never silently altered, drafted from coded quotes."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from synthesis.analysis.cards import (CardError, CardPoint, LessonCard, card_section_of, draft_card,
                                      load_card, load_cards, parse_card, save_card, unsupported_points)


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


def test_cards_draft_groups_quotes_under_headings():
    quotes = pd.DataFrame([
        {"coding_id": "c1", "code_id": "success.fund", "code_name": "กองทุนสนับสนุน", "quote": "กองทุน อบต. ให้งบ", "date": "2022-01-01"},
        {"coding_id": "c2", "code_id": "success.fund", "code_name": "กองทุนสนับสนุน", "quote": "กองทุนให้งบต่อเนื่อง", "date": "2023-01-01"},
        {"coding_id": "c3", "code_id": "obstacle.price", "code_name": "ราคายาง", "quote": "ราคายางตกต่ำ", "date": "2022-05-01"},
        {"coding_id": "c4", "code_id": "qol.livelihood", "code_name": "อาชีพ", "quote": "รายได้เสริม", "date": "2022-05-01"},
    ])
    card = draft_card("songkhla-khae", "บทเรียน", quotes)
    assert set(card.sections) == {"success_factors", "obstacles"}
    point = card.sections["success_factors"][0]
    assert point.codings == ["c1", "c2"] and "กองทุนให้งบต่อเนื่อง" in point.text


def test_cards_unsupported_points_are_listed():
    card = LessonCard("yala-bala", "", {"results": [CardPoint("ก", []), CardPoint("ข", ["c-9"]), CardPoint("ค", ["c-1"])]})
    table = unsupported_points(card, ["c-1"])
    assert table["point"].tolist() == [1, 2]
    assert "c-9" in table.iloc[1]["reason"]


def test_cards_committed_demo_cards_are_valid(project_root):
    cards, errors = load_cards(project_root / "lessons" / "cards")
    assert not errors
    areas = {a["id"] for a in yaml.safe_load((project_root / "lessons" / "areas.yaml").read_text(encoding="utf-8"))["areas"]}
    assert set(cards) <= areas
