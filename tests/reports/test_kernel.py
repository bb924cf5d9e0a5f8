"""A warm kernel runs report after report: same outputs as a fresh kernel, nothing carried
over from one notebook to the next, and a dead or failing notebook never takes the next down."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from synthesis.reports.kernel import WarmKernel
from synthesis.reports.runner import REPORT_MODULES, ReportJob, execute_notebook, run_reports

pytestmark = pytest.mark.slow


def _template(path: Path, *bodies: str) -> Path:
    params = new_code_cell('area = "x"')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, *(new_code_cell(body) for body in bodies)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _text(notebook) -> list[str]:
    return ["".join(o.get("text", "")) for cell in notebook.cells for o in cell.get("outputs", [])]


_RUN_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def _outputs(notebook) -> list:
    """What a reader sees of each code cell: text, HTML and Markdown outputs as they are
    (the run's own time masked), images by presence only."""
    seen = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            outputs.append((out.get("output_type"), out.get("name"), _RUN_TIME.sub("<run>", "".join(out.get("text", ""))),
                            {mime: _RUN_TIME.sub("<run>", value) if isinstance(value, str) else value
                             for mime, value in data.items() if mime in ("text/html", "text/markdown", "text/plain")},
                            "image/png" in data))
        seen.append((cell.execution_count, outputs))
    return seen


@pytest.mark.parametrize("area, before", [("songkhla-khae", "satun-na-thon"), ("satun-na-thon", "songkhla-khae")])
def test_kernel_report_in_a_reused_kernel_equals_a_fresh_one(mini_home, project_root, tmp_path, area, before):
    parameters = {"collection": "mini", "work_dir": str(mini_home / "work" / "mini"),
                  "corpus_dir": str(mini_home / "corpora" / "mini")}
    template = project_root / "notebooks" / "area_report.ipynb"
    execute_notebook(template, tmp_path / "fresh.ipynb", {**parameters, "area": area}, mini_home)
    fresh = nbformat.read(tmp_path / "fresh.ipynb", as_version=4)
    with WarmKernel(mini_home, preload=REPORT_MODULES) as kernel:
        kernel.execute(template, tmp_path / "first.ipynb", {**parameters, "area": before, "redact": True})
        reused = kernel.execute(template, tmp_path / "reused.ipynb", {**parameters, "area": area})
        assert kernel.starts == 1
    assert _outputs(reused) == _outputs(fresh)
    # the organisations' network is an image; timeline, comparison, saturation and participants are HTML
    assert sum(has_png for _, outs in _outputs(fresh) for *_, has_png in outs) >= 1
    assert "height:0.8em;background:#2a7f62" in str(_outputs(fresh))


@pytest.mark.parametrize("name, value", [("ตัวแปร", "พื้นที่ต้นแบบ"), ("lesson", "บทเรียน")])
def test_kernel_nothing_of_one_notebook_is_visible_in_the_next(tmp_path, name, value):
    first = _template(
        tmp_path / "first.ipynb",
        f"{name} = {value!r}",
        "import os, warnings, matplotlib.pyplot as plt\n"
        "plt.figure(); os.environ['REPORT_LEFTOVER'] = '1'; os.chdir('/'); warnings.simplefilter('error')\n"
        "import pandas as pd; pd.set_option('display.max_rows', 3)")
    second = _template(
        tmp_path / "second.ipynb",
        "import os, warnings, matplotlib.pyplot as plt, pandas as pd\n"
        f"print({name!r} in globals(), len(plt.get_fignums()), 'REPORT_LEFTOVER' in os.environ, os.getcwd(),\n"
        "      pd.get_option('display.max_rows'), len(In), any(f[0] == 'error' for f in warnings.filters))")
    with WarmKernel(tmp_path) as kernel:
        kernel.execute(first, tmp_path / "out1.ipynb", {"area": value})
        after = kernel.execute(second, tmp_path / "out2.ipynb", {"area": value})
        assert kernel.starts == 1
    execute_notebook(second, tmp_path / "fresh.ipynb", {"area": value}, tmp_path)
    fresh = nbformat.read(tmp_path / "fresh.ipynb", as_version=4)
    assert _text(after) == _text(fresh)
    assert _text(after)[0].split()[:3] == ["False", "0", "False"]
    assert [c.execution_count for c in after.cells] == [c.execution_count for c in fresh.cells]


@pytest.mark.parametrize("ending", ["import os; os._exit(1)", "raise RuntimeError('ข้อมูลเสีย')"])
def test_kernel_after_a_dead_or_failing_notebook_the_next_gets_a_new_kernel(tmp_path, ending):
    bad = _template(tmp_path / "bad.ipynb", "leftover = 'ค้าง'", ending)
    good = _template(tmp_path / "good.ipynb", "print('พื้นที่', area, 'leftover' in globals())")
    with WarmKernel(tmp_path) as kernel:
        with pytest.raises(Exception):
            kernel.execute(bad, tmp_path / "bad-out.ipynb", {"area": "ยะลา"})
        assert (tmp_path / "bad-out.ipynb").is_file()  # kept for debugging
        out = kernel.execute(good, tmp_path / "good-out.ipynb", {"area": "ตรัง"})
        assert kernel.starts == 2
    assert _text(out) == ["พื้นที่ ตรัง False\n"]


def test_kernel_runner_goes_on_after_a_kernel_dies(tmp_path, monkeypatch):
    from synthesis.reports import runner

    _template(tmp_path / "die.ipynb", "import os; os._exit(3)")
    _template(tmp_path / "good.ipynb", "print('พื้นที่', area)")
    monkeypatch.setattr(runner, "TEMPLATES", {"die": "die.ipynb", "good": "good.ipynb"})
    monkeypatch.setattr(runner, "notebooks_dir", lambda: tmp_path)
    jobs = [ReportJob("die", "die", {"area": "ยะลา"}, tmp_path / "out" / "die"),
            ReportJob("good", "good", {"area": "สตูล"}, tmp_path / "out" / "good"),
            ReportJob("good", "good2", {"area": "ตรัง"}, tmp_path / "out" / "good2")]
    results = run_reports(jobs, cwd=tmp_path)
    assert [r.ok for r in results] == [False, True, True]
    assert results[0].files["notebook"].is_file()
    assert "พื้นที่ สตูล" in results[1].files["html"].read_text(encoding="utf-8")


@pytest.mark.parametrize("code_id", ["recommendation", "innovation"])
def test_kernel_a_coding_changed_between_two_reports_is_seen_by_the_second(mini_project, tmp_path, monkeypatch, code_id):
    from synthesis.coding import CodingStore, new_coding
    from synthesis.corpus import open_store

    home = tmp_path / "project"
    shutil.copytree(mini_project, home)
    monkeypatch.setenv("SYNTHESIS_HOME", str(home))
    template = _template(
        tmp_path / "count.ipynb",
        "from synthesis.reports import notebook, sections\n"
        f"ctx = notebook.load_context('mini', {str(home / 'work' / 'mini')!r}, area=area)\n"
        "shares = sections.code_comparison(ctx).set_index('code_id')['พื้นที่นี้ (this area)']\n"
        f"print(len(sections.all_codings(ctx)), shares[{code_id!r}])")
    here = set(open_store(home / "work" / "mini").doc_ids(areas=["songkhla-khae"]))
    with WarmKernel(home, preload=REPORT_MODULES) as kernel:
        first = _text(kernel.execute(template, tmp_path / "one.ipynb", {"area": "songkhla-khae"}))[0].split()
        store = CodingStore(home / "lessons")
        doc = next(c for c in store.load() if c.coder == "consensus" and c.doc_id in here)
        store.add(new_coding(doc.doc_id, doc.start, doc.end, doc.quote, doc.doc_sha256, code_id, "consensus"))
        second = _text(kernel.execute(template, tmp_path / "two.ipynb", {"area": "songkhla-khae"}))[0].split()
    assert int(second[0]) == int(first[0]) + 1
    assert int(first[1]) == 0 and int(second[1]) > 0  # the new code shows in this area's shares


def test_kernel_reports_run_with_the_raised_collector_thresholds(tmp_path):
    from synthesis.reports.kernel_state import REPORT_GC_THRESHOLD

    template = _template(tmp_path / "gc.ipynb", "import gc\nprint(gc.get_threshold())")
    with WarmKernel(tmp_path, preload=REPORT_MODULES) as kernel:
        for n in range(2):  # the first notebook and one after a reset
            executed = kernel.execute(template, tmp_path / f"out{n}.ipynb", {"area": f"a{n}"})
            assert str(tuple(REPORT_GC_THRESHOLD)) in "".join(_text(executed))
