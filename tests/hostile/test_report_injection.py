"""Nothing from the data runs in a report: markup in corpus text, titles, file names, code
names and definitions, area names, card titles, points and notes, memos and edited matrix
summaries reaches ``report.html`` and ``review.html`` as text.

One small hostile collection (two pilot areas of the demo plus one hostile document) is built
once into every report (two areas, cross-area, overview). Each payload carries its own marker
(``HX01`` …); each case parses every generated HTML page with lxml and fails on any element or
attribute that came from its payload (an attribute value holding the marker, a ``<script>``
holding it, a ``javascript:`` link), and checks that the payload did reach a page as text, so
the case cannot pass by dropping the data.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

from tests.hostile.conftest import ROOT, deadline

pytestmark = pytest.mark.slow

AREA = "songkhla-khae"
OTHER = "satun-na-thon"

# marker → (where it goes, the payload); every payload is a way markup has run in a report
PAYLOADS = {
    "HX01": ("corpus text (coded paragraph)", "<script>window.HX01=1</script>"),
    "HX02": ("corpus text (coded paragraph)", "<img src=x id=HX02 onerror=alert(2)>"),
    "HX03": ("corpus text (coded paragraph)", "<svg id=HX03 onload=alert(3)>"),
    "HX04": ("corpus text (coded paragraph)", "[คลิกดูผล](javascript:alert('HX04'))"),
    "HX05": ("document title", "<script>HX05</script>"),
    "HX06": ("file name", "<img src=x id=HX06 onerror=1>"),
    "HX07": ("code name (Thai)", "<img src=x id=HX07 onerror=alert(7)>"),
    "HX08": ("code name (English)", "[x](javascript:alert('HX08'))"),
    "HX09": ("area name (Thai)", "<script>HX09</script>"),
    "HX10": ("area name (English)", "<svg id=HX10 onload=alert(10)>"),
    "HX11": ("card title", "<img src=x id=HX11 onerror=alert(11)>"),
    "HX12": ("card point", "<script>HX12</script>"),
    "HX13": ("card point (Markdown link)", "[อ่านต่อ](javascript:alert('HX13'))"),
    "HX14": ("coder's memo", "<img src=x id=HX14 onerror=alert(14)>"),
    "HX15": ("code definition", "<svg id=HX15 onload=alert(15)>"),
    "HX16": ("card point note", "<script>HX16</script>"),
    "HX17": ("edited matrix summary", "<img src=x id=HX17 onerror=alert(17)>"),
    "HX18": ("card setting", "<svg id=HX18 onload=alert(18)>"),
    "HX19": ("reporter", "<b id=HX19 onclick=alert(19)>ผู้รายงาน</b>"),
    # out of an attribute's quotes (the timeline shows a document's title as a dot's tooltip)
    "HX20": ("document title (attribute quotes)", "' onmouseover='HX20' \" onfocus=\"HX20"),
}
CODED = ["HX01", "HX02", "HX03", "HX04"]


def _hostile_document() -> str:
    lines = [
        f"รายงานกิจกรรมอบรมความปลอดภัยผู้กรีดยาง ตำบลแค {PAYLOADS['HX05'][1]} {PAYLOADS['HX20'][1]}",
        "วันที่ 14 มีนาคม 2566",
        f"ผู้รายงาน: {PAYLOADS['HX19'][1]}",
        "",
        "กลุ่มผู้กรีดยางตำบลแค อำเภอจะนะ จังหวัดสงขลา จัดอบรมการใช้อุปกรณ์ป้องกันสารเคมีในสวนยาง",
        "",
    ]
    for marker in CODED:
        lines.append(f"ผู้เข้าร่วมเล่าว่าการใช้หน้ากากช่วยได้มาก {PAYLOADS[marker][1]} และจะชวนเพื่อนมาอบรมรอบหน้า")
        lines.append("")
    return "\n".join(lines)


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    """Build every report of the hostile collection; the generated HTML pages by name."""
    from synthesis.coding import CodingStore, new_coding
    from synthesis.corpus import ingest, open_store
    from synthesis.reports.runner import plan_jobs, run_reports

    home = tmp_path_factory.mktemp("hostile-project")
    lessons = home / "lessons"
    (lessons / "codings").mkdir(parents=True)
    shutil.copy(ROOT / "lessons" / "areas.yaml", lessons / "areas.yaml")
    shutil.copy(ROOT / "lessons" / "codebook.yaml", lessons / "codebook.yaml")
    shutil.copytree(ROOT / "notebooks", home / "notebooks")

    def hostile_area(data):
        for area in data["areas"]:
            if area["id"] == AREA:
                area["name_th"] += " " + PAYLOADS["HX09"][1]
                area["name_en"] += " " + PAYLOADS["HX10"][1]

    def hostile_code(data):
        for code in data["codes"]:
            if code["id"] == "success.partnership":
                code["name_th"] += " " + PAYLOADS["HX07"][1]
                code["name_en"] += " " + PAYLOADS["HX08"][1]
                code["description"] = "การสนับสนุนจากภาคี " + PAYLOADS["HX15"][1]

    _edit_yaml(lessons / "areas.yaml", hostile_area)
    _edit_yaml(lessons / "codebook.yaml", hostile_code)

    corpus = home / "corpora" / "hostile"
    for file in sorted((ROOT / "corpora" / "demo").rglob("*")):
        if file.is_file() and file.name.startswith((AREA, OTHER)):
            target = corpus / file.parent.name / file.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, target)
    hostile_name = f"{AREA}_อบรม{PAYLOADS['HX06'][1]}.txt"
    (corpus / "reports" / hostile_name).write_text(_hostile_document(), encoding="utf-8")

    mp = pytest.MonkeyPatch()
    mp.setenv("SYNTHESIS_HOME", str(home))
    try:
        work = home / "work" / "hostile"
        ingest(corpus, work_dir=work, progress=False)
        store = open_store(work)
        docs = store.documents()
        hostile = docs[docs["path"].str.contains("HX06")]
        assert len(hostile) == 1, docs["path"].tolist()
        doc = hostile.iloc[0]
        assert AREA in list(doc["areas"]), f"the hostile document is not attributed to {AREA}: {doc['areas']}"
        codings = []
        for marker in CODED:
            start = doc["text"].index(PAYLOADS[marker][1])
            end = start + len(PAYLOADS[marker][1])
            for coder in ("coder_a", "coder_b", "consensus"):
                codings.append(new_coding(doc["doc_id"], start, end, doc["text"][start:end], doc["sha256"],
                                          "success.partnership", coder,
                                          memo=PAYLOADS["HX14"][1] if coder == "coder_a" else ""))
        CodingStore(lessons).add(*codings)
        cited = [c.coding_id for c in codings if c.coder == "consensus"]
        cards = lessons / "collections" / "hostile" / "cards"
        cards.mkdir(parents=True)
        (cards / f"{AREA}.yaml").write_text(yaml.safe_dump({
            "area": AREA, "title": "บทเรียนตำบลแค " + PAYLOADS["HX11"][1],
            "setting": {"group": "ผู้กรีดยาง " + PAYLOADS["HX18"][1]},
            "sections": {"success_factors": [
                {"text": "ภาคีช่วยจัดอบรม " + PAYLOADS["HX12"][1], "codings": cited[:2],
                 "memo": "ตรวจกับพี่เลี้ยงแล้ว " + PAYLOADS["HX16"][1]},
                {"text": "ผู้เข้าร่วมชวนเพื่อน " + PAYLOADS["HX13"][1], "codings": cited[2:]},
            ]},
        }, allow_unicode=True, sort_keys=False), encoding="utf-8")
        (lessons / "collections" / "hostile" / "matrix.yaml").write_text(yaml.safe_dump({"cells": [{
            "view": "area/top", "row": AREA, "theme": "success",
            "summary": "ภาคีหนุนเสริมการอบรม " + PAYLOADS["HX17"][1], "edited_by": "mentor_a",
            "edited_at": "2026-12-01T09:00:00+00:00", "evidence": sorted(cited)}]},
            allow_unicode=True, sort_keys=False), encoding="utf-8")

        out = home / "reports" / "hostile"
        parameters = {"corpus_dir": str(corpus), "work_dir": str(work), "coder": "consensus",
                      "date_from": "", "date_to": "", "redact": False}
        jobs = plan_jobs("hostile", [AREA, OTHER], out, parameters, cross_area=True)
        with deadline(600, "the hostile collection's reports"):
            results = run_reports(jobs, cwd=home, workers=1)
    finally:
        mp.undo()
    failed = [(r.job.slug, r.error) for r in results if not r.ok]
    assert not failed, failed
    pages = {}
    for result in results:
        for key in ("html", "review"):
            path = result.files[key]
            pages[f"{result.job.slug}/{path.name}"] = lxml.html.parse(str(path)).getroot()
    return pages


TEXT_ATTRIBUTES = frozenset({"title", "aria-label"})  # attributes whose value is plain text


def _data_markup(root, marker: str) -> list[str]:
    """Elements and attributes in a page that came from the payload with ``marker``."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower() == "src" and value.startswith("data:image/png;base64,"):
                continue  # our embedded charts: their base64 may spell a marker by chance (HX18)
            if name.lower() in TEXT_ATTRIBUTES and not name.lower().startswith("on"):
                continue  # a tooltip's text (the timeline's dots): the browser shows it, never runs it;
                # a payload that broke out of its quotes would make another attribute, caught here
            if marker in value or (name.lower() == "href" and value.strip().lower().startswith("javascript:")):
                found.append(f"<{element.tag} {name}={value!r}>")
            if name.lower().startswith("on") and marker in value:
                found.append(f"<{element.tag} {name}>")
        if element.tag == "script" and marker in (element.text or ""):
            found.append(f"<script>{marker}…")
    return found


@pytest.mark.parametrize("marker", sorted(PAYLOADS), ids=[f"{m}-{PAYLOADS[m][0]}" for m in sorted(PAYLOADS)])
def test_report_injection_payload_is_text_in_every_page(hostile_pages, marker):
    where, payload = PAYLOADS[marker]
    for name, root in hostile_pages.items():
        assert not _data_markup(root, marker), f"{where}: markup from the data in {name}: {_data_markup(root, marker)}"
    shown = [name for name, root in hostile_pages.items() if marker in root.text_content()]
    assert shown, f"{where}: the payload reached no report as text (the case would prove nothing)"


def test_report_injection_no_script_but_the_page_own(hostile_pages):
    """The only scripts are the page's own (nbconvert's, with no marker): none from the data."""
    for name, root in hostile_pages.items():
        for script in root.iter("script"):
            assert "HX" not in (script.text or ""), name


def test_report_injection_card_and_evidence_shown_in_the_area_report(hostile_pages):
    text = hostile_pages[f"{AREA}/report.html"].text_content()
    assert PAYLOADS["HX12"][1] in text and PAYLOADS["HX11"][1] in text  # the card, as text
    assert PAYLOADS["HX01"][1] in text and PAYLOADS["HX14"][1] in text  # its evidence and memo


def test_report_injection_second_collection_shows_no_demo_lesson(hostile_pages):
    """The hostile collection has a card for one area only: the other area's report says it
    has none, and shows no demo card's point."""
    demo_card = yaml.safe_load((ROOT / "lessons" / "collections" / "demo" / "cards" / f"{OTHER}.yaml")
                               .read_text(encoding="utf-8"))
    demo_points = [p["text"] for points in demo_card["sections"].values() for p in points]
    text = hostile_pages[f"{OTHER}/report.html"].text_content()
    assert "ยังไม่มีบัตรบทเรียน" in text
    assert not any(point in text for point in demo_points)


@pytest.mark.parametrize("page, marker", [
    ('<div><img src=x id=HX02 onerror="alert(2)"></div>', "HX02"),
    ('<div><script>window.HX01=1</script></div>', "HX01"),
    ('<div><a href="javascript:alert(\'HX04\')">คลิก</a></div>', "HX04"),
    ('<div><svg id=HX03 onload="alert(3)"></svg></div>', "HX03"),
])
def test_report_injection_detector_finds_markup_from_data(page, marker):
    """The check above fails on a page where the payload became markup (it can fail)."""
    assert _data_markup(lxml.html.fromstring(page), marker)
    escaped = lxml.html.fromstring(f"<div>{html.escape(page)}</div>")
    assert not _data_markup(escaped, marker) and marker in escaped.text_content()
