"""The report's participants, regional meetings, organisations, people and the overview's
attributions to review come from the facts layer (issue 15), escaped, each figure with its
sentence. Synthetic documents are our own sentences; the demo test pins Bala's real figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from synthesis.corpus.areas import Area

ROOT = Path(__file__).resolve().parents[2]

HERE = Area("satun-test", "ตำบลทดสอบ", "Test", "สตูล", tambon="ทดสอบ", aliases=("ต.ทดสอบ", "ทดสอบ"))
THERE = Area("trang-other", "ตำบลอื่น", "Other", "ตรัง", tambon="ห้วยนาง", aliases=("ต.ห้วยนาง", "ห้วยนาง"))


def _context(documents: list[dict], redact: bool = False):
    from synthesis.reports.notebook import ReportContext

    frame = pd.DataFrame(documents)
    for column, default in (("kind", "activity_report"), ("reporter", None), ("path", "x.txt")):
        if column not in frame:
            frame[column] = default
    frame["doc_id"] = [f"d{i}" for i in range(len(frame))]
    return ReportContext("test", {"redact": redact}, None, [HERE, THERE], frame, area=HERE)


OWN = {"date": "2023-02-10", "title": "อบรมการกรีดยางอย่างปลอดภัย", "areas": [HERE.id], "participants_count": 35.0,
       "text": "อบรมการกรีดยางอย่างปลอดภัย ต.ทดสอบ\nผู้เข้าร่วมรวม 35 คน"}
FORUM = {"date": "2023-05-02", "title": "เวทีแลกเปลี่ยนระดับภาค", "areas": [HERE.id, THERE.id], "kind": "meeting_summary",
         "participants_count": 90.0,
         "text": "เวทีแลกเปลี่ยนระดับภาค ผู้เข้าร่วม 90 คน\nผู้แทนจาก ต.ทดสอบ 6 คน นำเสนอผลงาน\nต.ห้วยนาง นำเสนอต่อ"}


@pytest.mark.parametrize("documents, own, regional", [
    ([OWN, FORUM], [35.0], [90.0]),
    ([FORUM], [], [90.0]),
    ([OWN], [35.0], []),
])
def test_facts_sections_chart_counts_only_the_areas_activities(documents, own, regional):
    from synthesis.reports import sections

    context = _context(documents)
    assert sections.area_participants(context)["participants"].tolist() == own
    assert sections.area_regional_meetings(context)["participants_total"].tolist() == regional
    rows = sections.participants_table(context)
    shown = [float(_shown_number(row["ผู้เข้าร่วม (participants)"])) for row in rows]
    assert shown == own  # the table (bars with their numbers) counts only the area's own activities


def test_facts_sections_regional_table_names_what_came_from_the_area():
    from synthesis.reports import html_safe, sections

    rows = sections.regional_participation_table(_context([OWN, FORUM]))
    assert len(rows) == 1
    row = rows[0]
    assert row["ผู้เข้าร่วมทั้งหมด (all participants)"] == "90" and row["จากพื้นที่นี้ (from this area)"] == "6"
    assert "ผู้แทนจาก ต.ทดสอบ 6 คน" in str(row["ที่มา (source)"])
    assert "สตูล: ทดสอบ" in row["พื้นที่ที่ร่วม (areas)"] and "ตรัง: ห้วยนาง" in row["พื้นที่ที่ร่วม (areas)"]
    assert "<details>" in str(html_safe.table(rows))


@pytest.mark.parametrize("text, expected", [
    ("ประชุมร่วมกับ อบต.ควนโดน และสหกรณ์กองทุนสวนยางบ้านควนโดน ผู้เข้าร่วม 20 คน", {"อบต.ควนโดน", "สหกรณ์กองทุนสวนยางบ้านควนโดน"}),
    ("คณะทำงานพบโต๊ะอิหม่ามที่มัสยิดบ้านควนโดน และ รพ.สต.ควนโดน", {"มัสยิดบ้านควนโดน", "รพ.สต.ควนโดน"}),
])
def test_facts_sections_partner_organisations_from_the_facts_layer(text, expected):
    from synthesis.reports import sections

    doc = {**OWN, "text": text}
    rows = sections.partner_organisations(_context([doc]))
    names = {row["องค์กร (organisation)"] for row in rows}
    assert expected <= names
    assert "องค์การบริหารส่วนตำบล" not in names  # a type word is no organisation
    assert all(text.split()[0] in str(row["ที่มา (source)"]) for row in rows)


def test_facts_sections_organisation_links_join_organisations_of_one_document():
    from synthesis.reports import sections

    doc = {**OWN, "text": "ประชุมร่วมกับ อบต.ควนโดน และ รพ.สต.ควนโดน"}
    links = sections.organisation_links_of(sections.area_organisations(_context([doc])))
    assert links[["source", "target", "weight"]].values.tolist() == [["รพ.สต.ควนโดน", "อบต.ควนโดน", 1]]


@pytest.mark.parametrize("line, person, role", [
    ("-นายสมชาย ใจดี นายก อบต.ควนโดน กล่าวเปิดงาน", "สมชาย ใจดี", "นายก อบต.ควนโดน"),
    ("-นางมาลี ศรีสุข ผอ.รพ.สต.ควนโดน บรรยาย", "มาลี ศรีสุข", "ผอ.รพ.สต.ควนโดน"),
])
def test_facts_sections_people_by_role_gives_the_texts_roles(line, person, role):
    from synthesis.reports import sections

    doc = {**OWN, "text": f"{OWN['text']}\n{line}\nนายวิชัย ทองดี มาร่วมด้วย"}
    rows = sections.people_by_role(_context([doc]))
    by_name = {row["ชื่อ (name)"]: row for row in rows}
    assert role in by_name[person]["บทบาท (roles)"]
    assert line.strip("-").split()[0][3:] in str(by_name[person]["ที่มา (source)"])
    assert "วิชัย ทองดี" not in by_name  # no role given: not shown


def test_facts_sections_escape_what_the_texts_hold():
    from synthesis.reports import html_safe, sections

    doc = {**OWN, "title": "อบรม <script>alert(1)</script>",
           "text": "ประชุมกับ อบต.ควนโดน <b>ตัวหนา</b>\nผู้เข้าร่วมรวม 35 คน <img src=x onerror=alert(1)>"}
    forum = {**FORUM, "title": "เวที <script>x</script>"}
    context = _context([doc, forum])
    html = "".join(str(html_safe.table(rows)) for rows in (
        sections.participants_table(context), sections.regional_participation_table(context),
        sections.partner_organisations(context)))
    assert "<script>" not in html and "<img" not in html and "<b>ตัวหนา" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html


# ---------------------------------------------------------------- the demo's Bala

BALA_FILES = ["reports/yala-bala_1.txt", "reports/yala-bala_2.txt", "reports/yala-bala_3.txt",
              "meetings/2022-11-16_four-provinces-exchange.txt", "meetings/2024-06-25_lessons-forum-seven-areas.txt",
              "meetings/2024-12-12_region12-synthesis.txt"]


@pytest.fixture(scope="module")
def bala_context(tmp_path_factory):
    from synthesis.corpus import ingest
    from synthesis.reports import notebook

    demo = ROOT / "corpora" / "demo"
    if not all((demo / name).is_file() for name in BALA_FILES):
        pytest.skip("the demo's Bala files are not there")
    folder = tmp_path_factory.mktemp("bala")
    for name in BALA_FILES:
        (folder / "corpus" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(demo / name, folder / "corpus" / name)
    ingest(folder / "corpus", work_dir=folder / "work", progress=False)
    return notebook.load_context("bala", str(folder / "work"), area="yala-bala")


def test_facts_sections_bala_chart_holds_its_activities_not_the_regional_forum(bala_context):
    from synthesis.reports import sections

    assert sections.area_participants(bala_context)["participants"].tolist() == [27.0, 58.0, 41.0]
    assert 72.0 not in sections.area_participants(bala_context)["participants"].tolist()
    assert sections.area_regional_meetings(bala_context)["participants_total"].tolist() == [58.0, 72.0, 46.0]
    rows = sections.participants_table(bala_context)
    assert all(_shown_number(row["ผู้เข้าร่วม (participants)"]) in str(row["ที่มา (source)"]) for row in rows)


def _shown_number(cell) -> str:
    """The number written after a participants bar."""
    return str(cell).rsplit("</span> ", 1)[-1].split("<")[0]


def test_facts_sections_bala_organisations_and_people_are_local(bala_context):
    from synthesis.reports import sections

    names = [row["องค์กร (organisation)"] for row in sections.partner_organisations(bala_context)]
    assert "อบต.บาละ" in names and "สหกรณ์กองทุนสวนยางบาละ" in names
    roles = {row["ชื่อ (name)"]: row["บทบาท (roles)"] for row in sections.people_by_role(bala_context)}
    assert "นายก อบต.บาละ" in roles.get("ฮาซัน บือราเฮง", "")


# ---------------------------------------------------------------- the overview

class _Store:
    def __init__(self, attributions: pd.DataFrame, manifest: dict):
        self._attributions, self.manifest = attributions, manifest

    def table(self, name, **_):
        assert name == "attributions"
        return self._attributions


@pytest.mark.parametrize("rule, member, listed", [
    ("uncertain", False, True),
    ("outside_period", False, True),
    ("uncertain", True, False),  # a member rule for the same pair decides it
])
def test_facts_sections_overview_lists_attributions_to_review(rule, member, listed):
    from synthesis.reports import html_safe, sections
    from synthesis.reports.notebook import ReportContext

    rows = [{"doc_id": "d0", "area_id": HERE.id, "rule": rule, "evidence": "หนองจิก <i>x</i>", "confidence": 0.5}]
    if member:
        rows.append({"doc_id": "d0", "area_id": HERE.id, "rule": "place", "evidence": "ต.ทดสอบ", "confidence": 0.9})
    docs = pd.DataFrame({"doc_id": ["d0"], "path": ["pages/district.html"], "date": ["2025-01-01"], "areas": [[]]})
    context = ReportContext("test", {}, _Store(pd.DataFrame(rows), {}), [HERE, THERE], docs)
    table = sections.attributions_to_review_table(context)
    assert len(table) == int(listed)
    if listed:
        html = str(html_safe.table(table))
        assert "pages/district.html" in html and "สตูล: ทดสอบ" in html and "&lt;i&gt;" in html
        assert str(html_safe.escape(sections.REVIEW_RULE_TH[rule])) in html


@pytest.mark.parametrize("refused, expected", [
    ([{"path": "notes/link.txt", "reason": "symbolic link out of the corpus"}],
     [{"ไฟล์ (file)": "notes/link.txt", "เหตุผล (reason)": "symbolic link out of the corpus"}]),
    ([["pipe", "a named pipe"]], [{"ไฟล์ (file)": "pipe", "เหตุผล (reason)": "a named pipe"}]),
    ([], []),
])
def test_facts_sections_overview_lists_refused_files(refused, expected):
    from synthesis.reports import sections
    from synthesis.reports.notebook import ReportContext

    context = ReportContext("test", {}, _Store(pd.DataFrame(), {"refused": refused}), [HERE], pd.DataFrame())
    assert sections.refused_files(context) == expected


def test_facts_sections_redact_hides_names_in_people_and_sentences(bala_context, tmp_path, monkeypatch):
    from synthesis.reports import html_safe, sections
    from synthesis.reports.notebook import ReportContext

    monkeypatch.setenv("SYNTHESIS_KEYS", str(tmp_path / "keys"))
    shown = "".join(str(html_safe.table(rows)) for rows in (sections.people_by_role(bala_context),
                                                           sections.partner_organisations(bala_context)))
    assert "ฮาซัน บือราเฮง" in shown
    hidden_context = ReportContext(bala_context.collection, {**bala_context.parameters, "redact": True},
                                   bala_context.store, bala_context.areas, bala_context.documents, area=bala_context.area)
    hidden = "".join(str(html_safe.table(sections.redacted(hidden_context, rows))) for rows in (
        sections.people_by_role(hidden_context), sections.partner_organisations(hidden_context),
        sections.participants_table(hidden_context), sections.regional_participation_table(hidden_context)))
    assert "ฮาซัน" not in hidden and "บือราเฮง" not in hidden and "บุคคล-" in hidden
    assert "อบต.บาละ" in hidden  # organisations are not people


@pytest.mark.parametrize("counts", [[35.0, 12.0], [8.0, 40.0]])
def test_facts_sections_participants_table_is_in_date_order_with_bars_to_scale(counts):
    import re

    from synthesis.reports import sections

    later = {**OWN, "date": "2023-08-01", "title": "ประชุมติดตามผลการกรีดยาง", "participants_count": counts[1],
             "text": f"ประชุมติดตามผลการกรีดยาง ต.ทดสอบ\nผู้เข้าร่วมรวม {counts[1]:g} คน"}
    first = {**OWN, "participants_count": counts[0], "text": f"อบรมการกรีดยางอย่างปลอดภัย ต.ทดสอบ\nผู้เข้าร่วมรวม {counts[0]:g} คน"}
    rows = sections.participants_table(_context([later, first]))  # given latest first
    assert [row["วันที่ (date)"] for row in rows] == ["2023-02-10", "2023-08-01"]
    widths = [int(re.search(r"width:(\d+)px", str(row["ผู้เข้าร่วม (participants)"])).group(1)) for row in rows]
    assert widths == [round(160 * c / max(counts)) for c in counts]
    assert [f"</span> {c:g}</span>" in str(row["ผู้เข้าร่วม (participants)"]) for row, c in zip(rows, counts)] == [True, True]
