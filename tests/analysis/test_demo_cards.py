"""The demo lesson cards in ``lessons/collections/demo/cards``: curated, every point supported by codings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from synthesis.analysis.cards import CARD_SECTIONS, LessonCard, load_card, unsupported_points

AREA_IDS = [
    "narathiwat-khok-khian",
    "yala-bala",
    "pattani-nong-chik",
    "songkhla-khae",
    "phatthalung-town",
    "trang-huai-yot",
    "satun-na-thon",
]


def _is_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


@pytest.fixture(scope="module")
def lessons(project_root: Path) -> Path:
    return project_root / "lessons"


@pytest.fixture(scope="module")
def codings(lessons: Path) -> dict[str, dict]:
    """Every coding of every coder by id."""
    by_id = {}
    for path in sorted((lessons / "codings").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                by_id[row["coding_id"]] = row
    return by_id


@pytest.fixture(scope="module")
def cards(lessons: Path) -> dict[str, LessonCard]:
    return {area: load_card(lessons / "collections" / "demo" / "cards" / f"{area}.yaml") for area in AREA_IDS}


def test_demo_cards_areas_match_areas_file(lessons: Path):
    listed = [area["id"] for area in yaml.safe_load((lessons / "areas.yaml").read_text(encoding="utf-8"))["areas"]]
    assert sorted(listed) == sorted(AREA_IDS)
    assert not list((lessons / "collections" / "demo" / "cards").glob("*.draft.yaml")), "a draft card was left behind"
    assert not (lessons / "cards").exists(), "cards belong to a collection (lessons/collections/<c>/cards)"


@pytest.mark.parametrize("area", AREA_IDS)
def test_demo_cards_load_with_thai_title(cards, area):
    card = cards[area]
    assert card.area == area
    assert _is_thai(card.title)


@pytest.mark.parametrize("area", AREA_IDS)
def test_demo_cards_cover_five_sections_with_two_to_five_points(cards, area):
    filled = {name: points for name, points in cards[area].sections.items() if points}
    assert len(filled) >= 5, f"{area}: only {sorted(filled)}"
    assert set(filled) <= set(CARD_SECTIONS)
    for name, points in filled.items():
        assert 2 <= len(points) <= 5, f"{area} {name}: {len(points)} points"
        assert all(_is_thai(point.text) for point in points)


@pytest.mark.parametrize("area", AREA_IDS)
def test_demo_cards_cite_existing_codings(cards, codings, area):
    cited = [cid for points in cards[area].sections.values() for point in points for cid in point.codings]
    assert cited, f"{area}: no point cites a coding"
    missing = sorted(set(cited) - set(codings))
    assert not missing, f"{area}: unknown coding ids {missing}"
    assert unsupported_points(cards[area], codings).query("reason.str.contains('unknown')").empty


@pytest.mark.parametrize("area", AREA_IDS)
def test_demo_cards_points_are_written_not_pasted_quotes(cards, codings, area):
    quotes = {" ".join(row["quote"].split()) for row in codings.values()}
    for points in cards[area].sections.values():
        for point in points:
            assert point.text not in quotes, f"{area}: a point is a pasted quote: {point.text}"


def test_demo_cards_are_distinct_per_area(cards):
    seen: dict[str, str] = {}
    for area, card in cards.items():
        for points in card.sections.values():
            for point in points:
                assert point.text not in seen, f"{area} repeats a point of {seen.get(point.text)}"
                seen[point.text] = area


def test_demo_cards_have_at_most_the_one_documented_unsupported_point(cards, codings):
    gaps = [(area, row) for area, card in cards.items()
            for row in unsupported_points(card, codings).itertuples()]
    assert len(gaps) <= 1, gaps
    if not gaps:  # the forum agreement has been coded and cited
        return
    area, row = gaps[0]
    assert (area, row.section) == ("satun-na-thon", "recommendations")
    point = cards[area].sections[row.section][row.point - 1]
    assert point.codings == [] and "ยังไม่มีการลงรหัสรองรับ" in point.memo
