"""The synthesis parts of the reports on the small real store (two demo areas, a few codings):
the card with grades, flags and evidence, the matrix row and the full matrix, gaps,
saturation, contradictions, indicators, the words appendix and the methods appendix."""

from __future__ import annotations

import lxml.html
import pandas as pd
import pytest


@pytest.fixture()
def area_ctx(mini_home):
    from synthesis.reports import notebook

    return notebook.load_context("mini", str(mini_home / "work" / "mini"), area="songkhla-khae", coder="consensus")


@pytest.fixture()
def collection_ctx(mini_home):
    from synthesis.reports import notebook

    return notebook.load_context("mini", str(mini_home / "work" / "mini"), coder="consensus")


def _root(fragment):
    return lxml.html.fragment_fromstring(str(fragment), create_parent="div")


@pytest.fixture()
def card_file(area_ctx, mini_home):
    """A card of three points: one citing both coders' codings of one passage, one whose
    number no cited passage states, one citing nothing."""
    from synthesis.findings.cards import CardPoint, LessonCard, save_card
    from synthesis.findings.scope import card_path
    from synthesis.reports import sections

    consensus = [c for c in sections.all_codings(area_ctx) if c.coder == "consensus"]
    card = LessonCard("songkhla-khae", "บทเรียนตำบลแค", {
        "success_factors": [CardPoint("ภาคีหลายฝ่ายร่วมมือ", [consensus[0].coding_id, consensus[4].coding_id])],
        "results": [CardPoint("ผู้ประกันตนเพิ่มเป็น 987 คน", [consensus[2].coding_id])],
        "obstacles": [CardPoint("ผู้นำกลุ่มย้ายออก", [])],
    }, last_edited="2000-01-01")
    path = save_card(card, card_path("mini", "songkhla-khae"))
    yield card
    path.unlink()


def test_sections_synthesis_card_points_show_grade_reasons_and_evidence(area_ctx, card_file):
    from synthesis.reports import sections

    root = _root(sections.lesson_card_html(area_ctx))
    points = root.findall(".//ol/li")  # in card order: results, success factors, obstacles
    assert len(points) == 3
    first = points[1].text_content()
    assert first.startswith("ภาคีหลายฝ่ายร่วมมือ")
    assert "ความเชื่อมั่น (confidence)" in first and "เหตุผล (reasons)" in first
    details = points[1].find(".//details")
    assert details is not None and details.get("open") is None  # collapsed by default
    assert "ผู้ลงรหัส (coders)" in details.text_content() and "ที่มา (source)" in details.text_content()


@pytest.mark.parametrize("point, flag", [
    (0, "ตัวเลขที่ไม่พบในข้อความที่อ้าง"),
    (2, "ไม่มีการลงรหัสสนับสนุน"),
    (1, "มีหลักฐานใหม่กว่าบัตรบทเรียน"),
])
def test_sections_synthesis_card_flags_are_shown_on_their_point(area_ctx, card_file, point, flag):
    from synthesis.reports import sections

    points = _root(sections.lesson_card_html(area_ctx)).findall(".//ol/li")
    assert flag in points[point].text_content()
    assert "⚠️" in points[point].text_content()


def test_sections_synthesis_one_source_is_never_high(area_ctx, card_file):
    from synthesis.reports import sections

    assessed = sections.point_assessments(area_ctx, card_file)
    assert assessed[("results", 1)]["level"] <= 1
    assert assessed[("obstacles", 1)]["grade"].startswith("ต่ำมาก")


def test_sections_synthesis_matrix_row_has_every_theme_with_counts(area_ctx):
    from synthesis.reports import sections

    root = _root(sections.area_matrix_row(area_ctx))
    rows = root.findall(".//tbody/tr")
    assert len(rows) == len(sections.codebook(area_ctx).top_level())
    text = root.text_content()
    assert "ข้อความ ·" in text and "ไม่มีหลักฐาน (no evidence)" in text


def test_sections_synthesis_matrix_summary_sentences_come_from_coded_passages(collection_ctx):
    from synthesis.reports import sections

    matrix = sections.framework_matrix(collection_ctx)
    quotes = " ".join(" ".join(c.quote.split()) for c in sections.all_codings(collection_ctx))
    drafted = matrix[matrix["status"] == "draft"]
    assert len(drafted)
    for sentences in drafted["sentences"]:
        for sentence in sentences:
            assert " ".join(sentence["text"].split()) in quotes


def test_sections_synthesis_full_matrix_is_areas_by_themes(collection_ctx):
    from synthesis.reports import sections

    root = _root(sections.matrix_html(collection_ctx))
    grid = root.find(".//table")
    header = [th.text_content() for th in grid.findall("./thead/tr/th")]
    themes = sections.codebook(collection_ctx).top_level()
    assert len(header) == 1 + len(themes)
    assert len(grid.findall("./tbody/tr")) == len(collection_ctx.areas)
    per_theme = root.findall("./details")
    assert len(per_theme) == len(themes)  # each theme's summaries, collapsed
    assert all(len(d.findall(".//tbody/tr")) == len(collection_ctx.areas) for d in per_theme)


def test_sections_synthesis_gaps_name_areas_in_thai(collection_ctx, area_ctx):
    from synthesis.reports import sections

    gaps = sections.theme_gaps(collection_ctx).set_index("ประเด็น (theme)")
    innovation = sections.codebook(collection_ctx).label("innovation")
    assert "แค" in gaps.loc[innovation, "พื้นที่ที่ไม่มีหลักฐาน (areas with no evidence)"]
    assert innovation in str(sections.gaps_html(area_ctx))


def test_sections_synthesis_saturation_in_date_order(area_ctx):
    from synthesis.reports import sections

    root = _root(sections.saturation_html(area_ctx))
    assert "ความอิ่มตัว" in root.text_content()
    dates = [tr.findall("td")[1].text_content() for tr in root.findall(".//tbody/tr")]
    assert dates == sorted(dates)


def test_sections_synthesis_contradictions_name_documents_not_ids(area_ctx):
    from synthesis.reports import sections

    text = str(sections.contradictions_html(area_ctx))
    assert not any(doc_id in text for doc_id in area_ctx.documents["doc_id"])


def test_sections_synthesis_indicators_with_sources_collapsed(area_ctx):
    from synthesis.reports import html_safe, sections

    rows = sections.indicators_table(area_ctx)
    assert rows and {"ตัวชี้วัด (indicator)", "ค่าตั้งต้น (baseline)", "เป้าหมาย (target)"} <= set(rows[0])
    root = _root(html_safe.table(rows))
    assert root.findall(".//td/details")
    assert not any(doc_id in root.text_content() for doc_id in area_ctx.documents["doc_id"])


def test_sections_synthesis_kwic_lines_are_one_line_without_offsets(area_ctx):
    from synthesis.reports import sections

    table = sections.kwic_lines(area_ctx, ["กลุ่ม"])
    assert list(table.columns) == ["คำ (term)", "เอกสาร (document)", "บริบท (context)"]
    assert not table["บริบท (context)"].str.contains("\n").any()
    assert table["บริบท (context)"].str.contains(r"\[กลุ่ม\]").all()
    assert sections.kwic_lines(area_ctx, ["คำที่ไม่มีในเอกสาร"]).empty


def test_sections_synthesis_methods_have_no_absolute_path(area_ctx):
    from synthesis.reports import sections

    area_ctx.parameters["corpus_dir"] = "/home/someone/project/corpora/mini"
    text = " ".join(sections.methods(area_ctx)["ค่า (value)"].astype(str))
    assert "/home/someone" not in text and "…/mini" in text


def test_sections_synthesis_agreement_per_code_with_n_prevalence_and_coded_units(area_ctx):
    from synthesis.reports import sections

    table = sections.agreement_per_code(area_ctx)
    assert table.iloc[0]["รหัส (code)"].startswith("รวมทุกรหัส")
    assert (table["n (segments)"] > 0).all()
    assert table["ความชุก (prevalence)"].str.endswith("%").all()
    assert "α เฉพาะส่วนที่ลงรหัส (coded segments only)" in table.columns
    summary = sections.agreement_summary(area_ctx)
    assert "coded segments alone" in summary


def test_sections_synthesis_coding_coverage_says_who_coded_what(area_ctx):
    from synthesis.reports import sections

    table = sections.coding_coverage(area_ctx)
    assert {"coder_a", "coder_b", "consensus"} <= set(table.columns)
    assert len(table) == len(area_ctx.area_documents)
    assert set(table["สถานะ (status)"]) <= {"ลงรหัสแล้ว (coded)", "ยังไม่ได้ลงรหัส (not coded)"}


def test_sections_synthesis_codebook_has_definitions(area_ctx):
    from synthesis.reports import sections

    table = sections.codebook_table(area_ctx)
    assert len(table) == len(sections.codebook(area_ctx))
    assert (table["นิยาม (definition)"] != "—").any()


def test_sections_synthesis_cards_compared_field_by_field(collection_ctx, card_file):
    from synthesis.reports import sections

    table = sections.cards_comparison(collection_ctx)
    assert "ปัจจัยความสำเร็จ (Success factors)" in table["หัวข้อ (field)"].tolist()
    root = _root(sections.cards_comparison_html(collection_ctx))
    assert "ภาคีหลายฝ่ายร่วมมือ" in root.text_content()
    assert "พื้นที่ที่ยังไม่มีบัตรบทเรียน" in root.text_content()  # satun has none


def test_sections_synthesis_collection_without_cards_says_so(collection_ctx):
    from synthesis.reports import sections

    text = str(sections.cards_comparison_html(collection_ctx))
    assert "ยังไม่มีบัตรบทเรียน" in text and "<li>" not in text


def test_sections_synthesis_saturation_bars_grow_with_the_codes_so_far(area_ctx):
    import re

    from synthesis.reports import sections

    table = sections.area_saturation(area_ctx)
    root = _root(sections.saturation_html(area_ctx))
    rows = root.findall(".//tbody/tr")
    assert len(rows) == len(table) > 1
    so_far = [int(tr.findall("td")[4].text_content().split()[-1]) for tr in rows]
    assert so_far == table["cumulative_codes"].tolist() == sorted(so_far)  # codes so far never go down
    widths = [int(re.search(r"width:(\d+)px", tr.findall("td")[4].find(".//span/span").get("style")).group(1))
              for tr in rows]
    assert widths == sorted(widths) and widths[-1] == 160  # the bars grow, the last at the top of the scale
    new = [int(tr.findall("td")[3].text_content().split()[-1]) for tr in rows]
    assert new == table["new_codes"].tolist()


def test_sections_synthesis_matrix_second_view_by_occupation(collection_ctx):
    from synthesis.reports import sections

    root = _root(sections.matrix_html(collection_ctx, by="occupation"))
    rows = [td.text_content() for td in root.find(".//table").findall("./tbody/tr/td[1]")]
    occupations = {a.occupation_th for a in collection_ctx.areas}
    assert set(rows) == occupations
