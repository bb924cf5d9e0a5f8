"""`synthesis report` refuses what it cannot do, with a clear message and exit code 2."""

from __future__ import annotations

import pytest

from synthesis.cli import build_parser, main


@pytest.mark.parametrize("argv, message", [
    (["report", "--corpus", "ไม่มีโฟลเดอร์นี้", "--all"], "corpus folder not found"),
    (["report", "--corpus", "corpora/demo", "--area", "bangkok"], "unknown area"),
])
def test_commands_report_rejects_bad_input(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_commands_report_needs_all_or_area():
    with pytest.raises(SystemExit):
        build_parser().parse_args(["report", "--corpus", "corpora/demo"])


def test_commands_help_lists_every_part(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("report", "ingest", "parse", "tag", "areas", "agree", "cards", "export"):
        assert command in out


def _tiny_template(path, body: str):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    params = new_code_cell('area = ""\ncollection = ""')
    params.metadata["tags"] = ["parameters"]
    book = new_notebook(cells=[params, new_code_cell(body)])
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(book, path)
    return path.name


@pytest.mark.slow
def test_commands_report_all_goes_on_after_a_failed_area(mini_home, tmp_path, monkeypatch, capsys):
    """One area's report fails: the error names the area and the reason, every other report
    is built, the index says which failed, and the exit status is 1."""
    from synthesis.reports import runner

    bad = "satun-na-thon"
    area = _tiny_template(tmp_path / "area.ipynb",
                          f'if area == "{bad}":\n    raise ValueError("ไฟล์บัตรบทเรียนเสีย " + area)\nprint(area)')
    other = _tiny_template(tmp_path / "other.ipynb", "print(collection)")
    monkeypatch.setattr(runner, "TEMPLATES", {"area": area, "cross_area": other, "corpus_overview": other})
    monkeypatch.setattr(runner, "notebooks_dir", lambda: tmp_path)
    out = tmp_path / "reports"
    status = main(["report", "--corpus", str(mini_home / "corpora" / "mini"), "--all", "--work",
                   str(mini_home / "work" / "mini"), "--out", str(out), "--jobs", "1"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"FAILED {bad} (" in err and "ValueError: ไฟล์บัตรบทเรียนเสีย satun-na-thon" in err
    built = sorted(p.parent.name for p in out.glob("*/report.html"))
    assert bad not in built and {"songkhla-khae", "cross-area", "overview"} <= set(built)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "ไฟล์บัตรบทเรียนเสีย" in index


def test_commands_report_names_a_broken_areas_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "areas.yaml").write_text("areas:\n  - id: Bad Id\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    monkeypatch.setenv("SYNTHESIS_HOME", str(tmp_path))
    assert main(["report", "--corpus", str(tmp_path / "corpus"), "--all"]) == 2
    err = capsys.readouterr().err
    assert "areas.yaml" in err and "Traceback" not in err


def test_commands_report_passes_project_paths_relative(mini_home):
    from synthesis.paths import project_root
    from synthesis.reports.runner import shown_path

    assert shown_path(project_root() / "corpora" / "mini") == "corpora/mini"
    assert shown_path(project_root().parent / "elsewhere") == str(project_root().parent / "elsewhere")
