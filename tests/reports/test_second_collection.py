"""A second collection (no cards, no codings) beside the demo's lessons: its reports say it
has no lessons yet and never show a lesson, a summary or a coding of the demo (issue 19 §6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
KEY_TERMS = ROOT / "tests" / "data" / "reports" / "key_terms" / "corpus"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def second_pages(tmp_path_factory):
    from synthesis.corpus import ingest
    from synthesis.reports.runner import plan_jobs, run_reports

    home = tmp_path_factory.mktemp("two-collections")
    shutil.copytree(ROOT / "lessons", home / "lessons")  # the demo's cards, codings and matrix edits too
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    corpus = home / "corpora" / "second"
    corpus.mkdir(parents=True)
    for file in sorted(KEY_TERMS.glob("yala-bala_*.txt")):
        shutil.copy(file, corpus / file.name)
    mp = pytest.MonkeyPatch()
    mp.setenv("SYNTHESIS_HOME", str(home))
    try:
        work = home / "work" / "second"
        ingest(corpus, work_dir=work, progress=False)
        parameters = {"corpus_dir": str(corpus), "work_dir": str(work), "coder": "consensus",
                      "date_from": "", "date_to": "", "redact": False}
        results = run_reports(plan_jobs("second", ["yala-bala"], home / "reports" / "second", parameters),
                              cwd=home, workers=1)
    finally:
        mp.undo()
    assert all(r.ok for r in results), [(r.job.slug, r.error) for r in results if not r.ok]
    return {f"{r.job.slug}/{name}": lxml.html.parse(str(r.files[key])).getroot().text_content()
            for r in results for key, name in (("html", "report"), ("review", "review"))}


def _demo_lessons() -> list[str]:
    lines = []
    for path in sorted((ROOT / "lessons" / "collections" / "demo" / "cards").glob("*.yaml")):
        card = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines.append(card["title"])
        lines += [point["text"] for points in card["sections"].values() for point in points]
    return lines


def _demo_quotes() -> list[str]:
    import json

    quotes = []
    for line in (ROOT / "lessons" / "codings" / "consensus.jsonl").read_text(encoding="utf-8").splitlines()[:300]:
        quote = " ".join(json.loads(line)["quote"].split())
        if len(quote) > 40:
            quotes.append(quote)
    return quotes


@pytest.mark.parametrize("page", ["yala-bala/report", "yala-bala/review", "cross-area/report", "overview/report"])
def test_second_collection_shows_no_demo_lesson(second_pages, page):
    text = second_pages[page]
    assert not [line for line in _demo_lessons() if line in text]
    assert not [quote for quote in _demo_quotes() if quote in text]


@pytest.mark.parametrize("page", ["yala-bala/report", "cross-area/report"])
def test_second_collection_says_it_has_no_cards(second_pages, page):
    assert "ยังไม่มีบัตรบทเรียน" in second_pages[page]


def test_second_collection_methods_count_no_demo_coding(second_pages):
    text = second_pages["yala-bala/report"]
    assert "ยังไม่ได้ลงรหัส (not coded)" in text and "ลงรหัสแล้ว (coded)" not in text.replace("ยังไม่ได้ลงรหัส", "")
