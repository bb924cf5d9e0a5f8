"""The report runner: parameters reach the notebook, failures stay isolated, names are safe."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from synthesis.paths import safe_name
from synthesis.reports import runner
from synthesis.reports.runner import ReportJob, plan_jobs, run_reports


def _template(path: Path, body: str) -> Path:
    params = new_code_cell('area = "x"')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, new_code_cell(body)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("slug, expected", [
    ("songkhla-khae", "songkhla-khae"),
    ("../../etc", "etc"),
    ("นราธิวาส/../x", "x"),
    ("a b/c", "a-b-c"),
])
def test_runner_plan_jobs_keeps_outputs_inside_the_reports_folder(tmp_path, slug, expected):
    job = plan_jobs("demo", [slug], tmp_path, {}, cross_area=False)[0]
    assert job.out_dir == tmp_path / expected
    assert job.out_dir.resolve().is_relative_to(tmp_path.resolve())
    assert job.parameters["area"] == slug


@pytest.mark.parametrize("name", ["..", "/", "", "ๆ"])
def test_paths_safe_name_refuses_names_that_would_be_empty(name):
    with pytest.raises(ValueError):
        safe_name(name)


def test_runner_plan_jobs_adds_collection_reports_for_all():
    jobs = plan_jobs("demo", ["a", "b"], Path("/tmp/r"), {"coder": "consensus"})
    assert [job.kind for job in jobs] == ["area", "area", "cross_area", "corpus_overview"]
    assert all(job.parameters["collection"] == "demo" for job in jobs)


@pytest.mark.slow
def test_runner_one_failing_report_does_not_stop_the_others(tmp_path, monkeypatch):
    good = _template(tmp_path / "good.ipynb", 'print("พื้นที่", area)')
    bad = _template(tmp_path / "bad.ipynb", 'raise ValueError("ข้อมูลเสีย " + area)')
    monkeypatch.setattr(runner, "TEMPLATES", {"good": good.name, "bad": bad.name})
    monkeypatch.setattr(runner, "notebooks_dir", lambda: tmp_path)
    jobs = [ReportJob("bad", "bad", {"area": "ยะลา"}, tmp_path / "out" / "bad"),
            ReportJob("good", "good", {"area": "ตรัง"}, tmp_path / "out" / "good")]
    results = run_reports(jobs, cwd=tmp_path)
    assert [r.ok for r in results] == [False, True]
    assert "ValueError" in results[0].error and "ข้อมูลเสีย ยะลา" in results[0].error
    assert results[0].files["notebook"].is_file()  # kept for debugging
    html = results[1].files["html"].read_text(encoding="utf-8")
    assert "พื้นที่ ตรัง" in html


@pytest.mark.slow
def test_runner_figures_are_embedded_as_png_not_text(tmp_path, monkeypatch):
    body = ("from IPython.display import display\n"
            "import pandas as pd\n"
            "from synthesis.reports import notebook\n"
            "from synthesis.reports.plotting import bar_chart\n"
            "notebook.setup()\n"
            "display(bar_chart(pd.DataFrame({'term': ['กระจูด'], 'count': [3]}), 'term', 'count', area))")
    template = _template(tmp_path / "chart.ipynb", body)
    monkeypatch.setattr(runner, "TEMPLATES", {"chart": template.name})
    monkeypatch.setattr(runner, "notebooks_dir", lambda: tmp_path)
    result = run_reports([ReportJob("chart", "chart", {"area": "คำ"}, tmp_path / "out")], cwd=tmp_path)[0]
    assert result.ok, result.error
    html = result.files["html"].read_text(encoding="utf-8")
    assert "data:image/png;base64" in html and "&lt;Figure size" not in html


@pytest.mark.parametrize("workers", [1, 2])
def test_runner_a_broken_worker_reports_its_jobs_as_not_run(tmp_path, monkeypatch, workers):
    from synthesis.reports import kernel

    def refuse(self):
        raise OSError("ไม่มีเคอร์เนล (no kernel)")

    monkeypatch.setattr(kernel.WarmKernel, "__enter__", refuse)
    jobs = plan_jobs("demo", ["songkhla-khae", "yala-bala"], tmp_path, {}, cross_area=False)
    results = run_reports(jobs, cwd=tmp_path, workers=workers)
    assert [r.ok for r in results] == [False, False]
    assert all("not run" in r.error for r in results)
