"""The card's key terms (what the words appendix shows in context when the user chose none),
measured on a labelled set of our own: three areas' short reports and meeting summaries in the
programme's layouts, a card per area, and per area the words a mentor wants in context and the
traps (the area's own name, words every area uses, people's names).

Run ``.venv/bin/python -m tests.reports.test_key_terms`` for the precision and recall per area.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "reports" / "key_terms"
ROOT = Path(__file__).resolve().parents[2]
COLLECTION = "keyterms"


def build_project(home: Path) -> Path:
    """A project with the labelled corpus ingested and its cards in place; returns the store."""
    from synthesis.corpus import ingest

    (home / "lessons").mkdir(parents=True, exist_ok=True)
    for name in ("areas.yaml", "codebook.yaml"):
        shutil.copy(ROOT / "lessons" / name, home / "lessons" / name)
    cards = home / "lessons" / "collections" / COLLECTION / "cards"
    shutil.copytree(DATA / "cards", cards, dirs_exist_ok=True)
    work = home / "work" / COLLECTION
    ingest(DATA / "corpus", work_dir=work, areas_path=home / "lessons" / "areas.yaml", progress=False)
    return work


def evaluate(work: Path, top: int = 5) -> dict[str, dict]:
    """Per area: the terms chosen, precision (chosen terms a mentor wants), recall (wanted
    terms chosen), and the traps chosen."""
    from synthesis.reports import notebook, sections

    labels = yaml.safe_load((DATA / "labels.yaml").read_text(encoding="utf-8"))
    results = {}
    for area, label in labels.items():
        context = notebook.load_context(COLLECTION, str(work), area=area)
        chosen = sections.card_key_terms(context, top=top)
        wanted = [set(forms) for forms in label["key"]]
        hits = [t for t in chosen if any(t in forms for forms in wanted)]
        found = [forms for forms in wanted if forms & set(chosen)]
        results[area] = {"chosen": chosen, "precision": len(hits) / len(chosen) if chosen else 0.0,
                         "recall": len(found) / len(wanted),
                         "traps": [t for t in chosen if t in set(label["not_key"])]}
    return results


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    home = tmp_path_factory.mktemp("key-terms")
    mp = pytest.MonkeyPatch()
    mp.setenv("SYNTHESIS_HOME", str(home))
    try:
        return evaluate(build_project(home))
    finally:
        mp.undo()


@pytest.mark.parametrize("area", ["yala-bala", "songkhla-khae", "narathiwat-khok-khian"])
def test_key_terms_choose_local_words_never_traps(measured, area):
    result = measured[area]
    assert result["traps"] == [], result
    assert result["precision"] >= 0.6, result
    assert result["recall"] >= 0.5, result


def test_key_terms_overall(measured):
    precision = sum(r["precision"] for r in measured.values()) / len(measured)
    recall = sum(r["recall"] for r in measured.values()) / len(measured)
    assert precision >= 0.75 and recall >= 0.65, measured


if __name__ == "__main__":
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        os.environ["SYNTHESIS_HOME"] = folder
        for area, result in evaluate(build_project(Path(folder))).items():
            print(f"{area:24} precision {result['precision']:.2f} recall {result['recall']:.2f} "
                  f"traps {result['traps']} chosen {result['chosen']}")
