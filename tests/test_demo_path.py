"""The main job end to end: `make demo` on a small corpus builds HTML reports with Thai intact."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEAKS = re.compile(r"Traceback|Warning:|UserWarning|DeprecationWarning|Glyph \d+|Error:|stderr")


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory) -> dict[str, Path]:
    """Two areas' documents of the demo corpus, built through `make demo` into a temp folder."""
    demo = ROOT / "corpora" / "demo"
    files = sorted(demo.rglob("songkhla-khae*")) + sorted(demo.rglob("satun-na-thon*"))
    if len(files) < 2:
        pytest.skip("demo corpus files for songkhla-khae and satun-na-thon are not there yet")
    if subprocess.run(["make", "-q", ".venv/.installed-stamp"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip(".venv is older than pyproject.toml/setup.py: `make demo` would reinstall first (run make setup)")
    base = tmp_path_factory.mktemp("demo")
    corpus = base / "mini"
    for file in files:
        target = corpus / file.relative_to(demo)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(file, target)
    out, work = base / "reports", base / "work"
    flags = f"--out {out} --work {work} --jobs 2"
    done = subprocess.run(["make", "demo", f"CORPUS={corpus}", f"REPORT_FLAGS={flags}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    return {"out": out, "corpus": corpus, "base": base, "returncode": done.returncode,
            "log": done.stdout + done.stderr}


@pytest.mark.slow
def test_demo_path_builds_every_report_and_the_index(small_demo):
    assert small_demo["returncode"] == 0, small_demo["log"][-3000:]
    out = small_demo["out"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for slug in ("songkhla-khae", "satun-na-thon", "cross-area", "overview"):
        assert (out / slug / "report.html").is_file()
        assert f"{slug}/report.html" in index


@pytest.mark.slow
@pytest.mark.parametrize("slug, thai_name", [
    ("songkhla-khae", "พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลแค"),
    ("satun-na-thon", "พื้นที่ต้นแบบกลุ่มจักสานคลุ้ม ตำบลนาทอน"),
])
def test_demo_path_area_report_holds_thai_name_and_no_error_output(small_demo, slug, thai_name):
    assert small_demo["returncode"] == 0, small_demo["log"][-3000:]
    for page in ("report.html", "review.html"):
        html = (small_demo["out"] / slug / page).read_text(encoding="utf-8")
        assert thai_name in html
        assert "data:image/png;base64" in html  # the charts are embedded
        # the review copy shows our functions' source (<pre><code> in <details>): code, not output
        shown = re.sub(r"<style.*?</style>|<script.*?</script>|<details><summary><code>.*?</code></pre></details>",
                       "", html, flags=re.S)
        leaks = LEAKS.findall(shown)
        assert not leaks, leaks


@pytest.mark.slow
def test_demo_path_plain_papermill_cli_runs_the_area_template(small_demo):
    import sys

    papermill = Path(sys.executable).with_name("papermill")
    out = small_demo["base"] / "by-hand.ipynb"
    done = subprocess.run([str(papermill), "notebooks/area_report.ipynb", str(out), "-p", "area", "satun-na-thon",
                           "-p", "corpus_dir", str(small_demo["corpus"]), "-p", "work_dir",
                           str(small_demo["base"] / "work-by-hand")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "พื้นที่ต้นแบบกลุ่มจักสานคลุ้ม ตำบลนาทอน" in out.read_text(encoding="utf-8")
    assert "without encryption" not in done.stdout + done.stderr  # no Jupyter transport warning


@pytest.mark.slow
def test_demo_path_log_has_no_bars_or_jupyter_warnings(small_demo):
    assert small_demo["returncode"] == 0, small_demo["log"][-3000:]
    log = small_demo["log"]
    assert "\r" not in log  # progress in a log is plain lines
    assert "without encryption" not in log and "WARNING" not in log


@pytest.mark.slow
@pytest.mark.parametrize("slug, title", [
    ("songkhla-khae", "พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลแค"),
    ("overview", "ภาพรวมคลังเอกสาร"),
])
def test_demo_path_pages_are_titled_and_carry_no_machine_paths(small_demo, slug, title):
    from lxml import html as lxml_html

    assert small_demo["returncode"] == 0, small_demo["log"][-3000:]
    for page in ("report.html", "review.html"):
        text = (small_demo["out"] / slug / page).read_text(encoding="utf-8")
        assert lxml_html.fromstring(text).findtext(".//title").startswith(title)
        for folder in (small_demo["base"], ROOT, Path.home()):
            assert str(folder) + "/" not in text, f"{slug}/{page} shows {folder}"


@pytest.mark.slow
def test_demo_path_index_shows_each_reports_date(small_demo):
    assert small_demo["returncode"] == 0, small_demo["log"][-3000:]
    index = (small_demo["out"] / "index.html").read_text(encoding="utf-8")
    # every area of areas.yaml gets its report (one without documents says so), + cross-area, overview
    assert len(re.findall(r"<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC</td>", index)) == 9
