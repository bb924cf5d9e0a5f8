"""Fixtures of the panel tests: a temporary lessons folder and small Thai documents in memory.

No panel test may touch the real ``lessons/``: tests code as ``panel_tester`` or
``browser_tester`` and add codes whose id holds ``paneltest``; ``guard_real_lessons`` fails a
test after which any of those shows up under the real folder (others edit it meanwhile, so
the guard looks only for what a panel test would leave).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis.panel import DocInfo, ListSource, PanelDocument, PanelSegment, PanelState
from synthesis.thai.tokenize import tokenize

ROOT = Path(__file__).resolve().parents[2]
CODER = "panel_tester"
TEST_MARKS = ("panel_tester", "browser_tester", "paneltest")

CODEBOOK = """\
# a small codebook for the panel tests
version: "1"
codes:
  - {id: success, name_th: ปัจจัยความสำเร็จ, name_en: Success factors, colour: "#2ca02c"}
  - {id: success.leadership, parent: success, name_th: ผู้นำชุมชน, name_en: Leadership, colour: "#98df8a"}
  - id: mechanism
    name_th: กลไกการดำเนินงาน
    name_en: Mechanisms
    colour: "#1f77b4"
    rules:
      - {keywords: [กองทุน], unit: paragraph}
  - {id: obstacle, name_th: อุปสรรค, name_en: Obstacles, colour: "#d62728"}
"""

# our own short texts in the style of the programme's reports and interviews
TEXTS = {
    "rubber": ("กลุ่มผู้กรีดยางบาละ", "2023-08-14", "interview", ("yala-bala",),
               ["ผู้นำชุมชนช่วยกันจัดเวทีประชาคม", "ปัญหาคือราคายางตกและไม่มีเงินออม",
                "สมาชิกตั้งกองทุนออมทรัพย์เพื่อช่วยกันยามเจ็บป่วย"]),
    "weaving": ("ประชุมกลุ่มจักสานกระจูด", "2022-03-12", "activity_report", ("narathiwat-khok-khian",),
                ["อบรมการนั่งสานให้ถูกท่าเพื่อลดปวดหลัง", "กองทุนหลักประกันสุขภาพสนับสนุนงบประมาณ"]),
    "meeting": ("ประชุมหารือระดับจังหวัด", None, "meeting_summary", (),
                ["หน่วยงานรัฐร่วมวางแผนการขยายผล"]),
}


def make_document(doc_id: str, title: str, date, kind: str, areas, paragraphs: list[str]) -> PanelDocument:
    text = "\n\n".join(paragraphs)
    segments, start = [], 0
    for index, paragraph in enumerate(paragraphs):
        segments.append(PanelSegment(index, start, start + len(paragraph), "paragraph"))
        start += len(paragraph) + 2
    tokens = [(t.start, t.end) for t in tokenize(text) if not t.is_space]
    return PanelDocument(DocInfo(doc_id, title, date, kind, tuple(areas)), text, segments, tokens)


@pytest.fixture
def documents() -> list[PanelDocument]:
    return [make_document(doc_id, *fields) for doc_id, fields in TEXTS.items()]


@pytest.fixture
def lessons(tmp_path) -> Path:
    folder = tmp_path / "lessons"
    (folder / "codings").mkdir(parents=True)
    (folder / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    return folder


@pytest.fixture
def state(documents, lessons) -> PanelState:
    return PanelState(ListSource(documents), lessons, CODER)


def _traces() -> list[str]:
    """Files under the real lessons/ that only a panel test would write."""
    folder = ROOT / "lessons"
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        if any(mark in path.name for mark in TEST_MARKS):
            found.append(str(path))
        elif path.name == "codebook.yaml" and "paneltest" in path.read_text(encoding="utf-8"):
            found.append(f"{path} (a test code)")
    return found


@pytest.fixture(autouse=True)
def guard_real_lessons():
    before = set(_traces())
    yield
    new = sorted(set(_traces()) - before)
    assert not new, f"a panel test wrote the real lessons/: {new}"


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Mark a failed test so that the browser tests' page fixture can take a screenshot."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        item.failed = True
