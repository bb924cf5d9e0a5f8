"""HTML rendering: self-contained, Thai font embedded, nothing from stderr, code only in review."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from synthesis.reports.render import clean_notebook, notebook_to_html


def _executed(tmp_path):
    cell = new_code_cell("print('ผลลัพธ์')\nsecret_code_marker = 1")
    cell.outputs = [
        new_output("stream", name="stdout", text="ผลลัพธ์ที่เกิดขึ้นจริง\n"),
        new_output("stream", name="stderr", text="UserWarning: Glyph 3633 missing\n"),
    ]
    removed = new_code_cell("x = 1")
    removed.metadata["tags"] = ["remove"]
    removed.outputs = [new_output("stream", name="stdout", text="ซ่อนไว้\n")]
    path = tmp_path / "executed.ipynb"
    nbformat.write(new_notebook(cells=[cell, removed]), path)
    return path


@pytest.mark.parametrize("show_code", [False, True])
def test_render_drops_stderr_and_embeds_the_font(tmp_path, show_code):
    html = notebook_to_html(_executed(tmp_path), tmp_path / "r.html", show_code=show_code).read_text(encoding="utf-8")
    assert "ผลลัพธ์ที่เกิดขึ้นจริง" in html
    assert "Glyph 3633" not in html and "UserWarning" not in html
    assert "ซ่อนไว้" not in html
    assert "@font-face" in html and "Noto Sans Thai" in html
    assert 'src="http' not in html and "cdnjs" not in html  # nothing loads from the network
    assert ("secret_code_marker" in html) is show_code


def test_render_clean_notebook_keeps_stdout_and_display_outputs():
    cell = new_code_cell("1")
    cell.outputs = [new_output("stream", name="stdout", text="ก"),
                    new_output("display_data", data={"text/plain": "ข"})]
    cleaned = clean_notebook(new_notebook(cells=[cell]))
    assert len(cleaned.cells[0].outputs) == 2


@pytest.mark.parametrize("show_code, visible", [(False, False), (True, True)])
def test_render_template_note_only_in_review(tmp_path, show_code, visible):
    from nbformat.v4 import new_markdown_cell

    note = new_markdown_cell("วิธีรันแม่แบบนี้ (how to run this template)")
    note.metadata["tags"] = ["template-note"]
    path = tmp_path / "n.ipynb"
    nbformat.write(new_notebook(cells=[note, new_markdown_cell("เนื้อหารายงาน")]), path)
    html = notebook_to_html(path, tmp_path / "n.html", show_code=show_code).read_text(encoding="utf-8")
    assert "เนื้อหารายงาน" in html
    assert ("วิธีรันแม่แบบนี้" in html) is visible


@pytest.mark.parametrize("code", ["x = 'พื้นที่ต้นแบบ' < 'ถอดบทเรียน'", "print(\"<b>ตัวหนา</b>\")"])
def test_render_highlighted_code_kept_as_pygments_wrote_it(code):
    from nbconvert.filters.highlight import Highlight2HTML

    from synthesis.reports.render import clean_highlighted_html, exporter_for

    highlighted = Highlight2HTML(pygments_lexer="ipython3", parent=exporter_for(True))(code)
    assert clean_highlighted_html(highlighted) == highlighted


@pytest.mark.parametrize("markup", ['<script>alert("ก")</script>', '<img src=x onerror="alert(1)">ข'])
def test_render_other_markup_is_still_sanitized(markup):
    from synthesis.reports.render import clean_highlighted_html

    cleaned = clean_highlighted_html(markup)
    assert "<script" not in cleaned and "<img" not in cleaned  # escaped into text


def test_render_write_html_leaves_the_notebook_as_it_was(tmp_path):
    from synthesis.reports.render import write_html

    notebook = nbformat.read(_executed(tmp_path), as_version=4)
    before = nbformat.writes(notebook)
    write_html(notebook, tmp_path / "a.html", show_code=False)
    write_html(notebook, tmp_path / "b.html", show_code=True)
    assert nbformat.writes(notebook) == before


@pytest.mark.parametrize("show_code", [False, True])
def test_render_images_get_alt_text_and_cells_are_focusable(tmp_path, show_code):
    import base64

    from synthesis.reports.plotting import bar_chart, figure_png
    import pandas as pd

    png = figure_png(bar_chart(pd.DataFrame({"term": ["กระจูด"], "count": [2]}), "term", "count", "คำ"))
    cell = new_code_cell("chart")
    cell.outputs = [new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"})]
    path = tmp_path / "img.ipynb"
    nbformat.write(new_notebook(cells=[cell]), path)
    html = notebook_to_html(path, tmp_path / "img.html", show_code=show_code).read_text(encoding="utf-8")
    assert 'alt="No description has been provided for this image"' in html
    assert 'jp-OutputArea-output" tabindex="0"' in html or 'jp-OutputArea-output " tabindex="0"' in html
    assert base64.b64decode(png)[:4] == b"\x89PNG"  # a real PNG went in


@pytest.mark.parametrize("heading", ["พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลแค", "บัตรบทเรียน < & > ก"])
def test_render_markdown_headings_keep_their_thai_as_text(tmp_path, heading):
    from nbformat.v4 import new_markdown_cell

    path = tmp_path / "h.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell(f"# {heading}")]), path)
    html = notebook_to_html(path, tmp_path / "h.html", show_code=False).read_text(encoding="utf-8")
    assert heading.split(" <")[0] in html
    assert not re.search(r"&#3[56][0-9][0-9];", html)  # no Thai written as references
    if "<" in heading:
        assert "&lt; &amp; &gt;" in html  # markup characters stay escaped


def _html_cell(markup: str):
    cell = new_code_cell("display(HTML(...))")
    cell.outputs = [new_output("display_data", data={"text/html": markup, "text/plain": "<HTML>"})]
    return cell


@pytest.mark.parametrize("show_code", [False, True])
@pytest.mark.parametrize("title", ["พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลแค", "การสังเคราะห์ข้ามพื้นที่ <ทุกพื้นที่> & \"ภาพรวม\""])
def test_render_page_title_is_the_reports_title(tmp_path, show_code, title):
    from lxml import html as lxml_html

    from synthesis.reports.render import REVIEW_SUFFIX, css_string, write_html

    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    notebook = new_notebook(cells=[_html_cell(f"<h1>{escaped}</h1><p>บทนำ</p>")])
    page = write_html(notebook, tmp_path / "r.html", show_code=show_code).read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    assert tree.findtext(".//title") == title + (REVIEW_SUFFIX if show_code else "")
    assert "Notebook" not in tree.findtext(".//title")
    assert len(tree.findall(".//title")) == 1
    assert css_string(tree.findtext(".//title")) in page  # the print footer carries the title too
    assert "</style" not in css_string(title)


def test_render_title_without_heading_is_general(tmp_path):
    from synthesis.reports.render import DEFAULT_TITLE, write_html

    page = write_html(new_notebook(cells=[_html_cell("<p>ข้อความ</p>")]), tmp_path / "r.html",
                      show_code=False).read_text(encoding="utf-8")
    assert f"<title>{DEFAULT_TITLE}</title>" in page


@pytest.mark.parametrize("rule", [
    "size: A4",                                   # A4, not US Letter
    "break-after: avoid-page",                    # no heading left at a page bottom
    "tr, img, figure, svg { break-inside: avoid; }",  # tables break between rows, charts whole
    "thead { display: table-header-group; }",     # the header row again on each page
    "counter(page)",                              # page numbers in the footer
    ".jp-OutputArea-child { break-inside: auto !important; }",  # long tables may break: no half-empty pages
    "table { width: 100% !important; max-width: 100%;",         # wide tables fit the page, never cut
    "overflow-wrap: anywhere;",
])
def test_render_print_css_has_the_a4_rules(tmp_path, rule):
    from synthesis.reports.render import write_html

    page = write_html(new_notebook(cells=[_html_cell("<h1>ก</h1>")]), tmp_path / "r.html",
                      show_code=False).read_text(encoding="utf-8")
    assert rule in page


@pytest.mark.parametrize("rule", [
    'name="viewport" content="width=device-width, initial-scale=1"',
    "@media screen and (max-width: 700px)",
    ".jp-OutputArea-output > img { max-width: none !important;",   # charts keep the size of the text
    ".table-scroll { overflow-x: auto;",                          # wide tables scroll …
    "position: sticky; left: 0;",                                 # … with their first column held
])
def test_render_phone_css(tmp_path, rule):
    from synthesis.reports.render import write_html

    page = write_html(new_notebook(cells=[_html_cell("<h1>ก</h1>")]), tmp_path / "r.html",
                      show_code=False).read_text(encoding="utf-8")
    assert rule in page


def _papermilled(root, corpus_dir: str):
    """A notebook as papermill leaves it: the template's parameters, then the injected ones."""
    defaults = new_code_cell('area = "satun-na-thon"\ncorpus_dir = ""\nwork_dir = ""')
    defaults.metadata["tags"] = ["parameters"]
    injected = new_code_cell(f'area = "yala-bala"\ncorpus_dir = "{corpus_dir}"\nwork_dir = "{root}/work/demo"')
    injected.metadata["tags"] = ["injected-parameters"]
    used = new_code_cell("print(corpus_dir)")
    used.outputs = [new_output("stream", name="stdout", text=f"อ่านจาก {corpus_dir}\n"),
                    new_output("display_data", data={"text/html": f"<p>คลัง <code>{root}/work/demo</code></p>",
                                                     "text/plain": "x"})]
    notebook = new_notebook(cells=[defaults, injected, used])
    notebook.metadata["papermill"] = {"parameters": {"area": "yala-bala", "corpus_dir": corpus_dir,
                                                     "work_dir": f"{root}/work/demo"}}
    return notebook


@pytest.mark.parametrize("show_code", [False, True])
@pytest.mark.parametrize("corpus_inside", [True, False])
def test_render_no_absolute_paths_in_reports(tmp_path, monkeypatch, show_code, corpus_inside):
    from synthesis.reports.render import write_html

    root = tmp_path / "โครงการ"
    monkeypatch.setenv("SYNTHESIS_HOME", str(root))
    corpus = f"{root}/corpora/demo" if corpus_inside else "/mnt/archive/ลูกค้า/corpora/demo"
    page = write_html(_papermilled(root, corpus), tmp_path / "r.html", show_code=show_code).read_text(encoding="utf-8")
    assert str(root) not in page and str(tmp_path) not in page and "/mnt/archive" not in page
    assert "work/demo" in page
    assert ("corpora/demo" if corpus_inside else "…/demo") in page


def test_render_review_shows_only_the_parameters_in_effect(tmp_path, monkeypatch):
    from synthesis.reports.render import write_html

    monkeypatch.setenv("SYNTHESIS_HOME", str(tmp_path))
    notebook = _papermilled(tmp_path, f"{tmp_path}/corpora/demo")
    before = nbformat.writes(notebook)
    page = write_html(notebook, tmp_path / "review.html", show_code=True).read_text(encoding="utf-8")
    assert "yala-bala" in page and "satun-na-thon" not in page  # the template's default is gone
    assert nbformat.writes(notebook) == before  # the executed notebook keeps everything


def test_render_review_copy_is_titled_by_the_report_not_the_template_note(tmp_path):
    from nbformat.v4 import new_markdown_cell

    from synthesis.reports.render import REVIEW_SUFFIX, write_html

    note = new_markdown_cell("# Area report template (แม่แบบรายงาน)")
    note.metadata["tags"] = ["template-note"]
    notebook = new_notebook(cells=[note, _html_cell("<h1>พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลบาละ</h1>")])
    review = write_html(notebook, tmp_path / "review.html", show_code=True).read_text(encoding="utf-8")
    report = write_html(notebook, tmp_path / "report.html", show_code=False).read_text(encoding="utf-8")
    assert "<title>พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลบาละ</title>" in report
    assert f"<title>พื้นที่ต้นแบบกลุ่มผู้กรีดยาง ตำบลบาละ{REVIEW_SUFFIX}</title>" in review


def _open_in_chromium(path, width: int):
    """A Playwright page of ``path`` in Debian's Chromium at ``width`` px (skips without them)."""
    import shutil

    playwright = pytest.importorskip("playwright.sync_api")
    browser_path = shutil.which("chromium")
    if not browser_path:
        pytest.skip("no Chromium on this machine")
    manager = playwright.sync_playwright().start()
    browser = manager.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    return manager, browser, page


@pytest.mark.slow
@pytest.mark.browser
def test_render_phone_width_wide_table_scrolls_with_first_column_held_and_chart_readable(tmp_path):
    import pandas as pd

    from synthesis.reports.display import table_html
    from synthesis.reports.plotting import bar_chart, figure_png
    from synthesis.reports.render import write_html

    areas = ["นราธิวาส: โคกเคียน", "ยะลา: บาละ", "ปัตตานี: หนองจิก", "สงขลา: แค", "พัทลุง: คูหาสวรรค์", "ตรัง: ห้วยยอด"]
    wide = pd.DataFrame({"ประเด็น (theme)": ["ปัจจัยความสำเร็จ", "อุปสรรค"],
                         **{area: ["แกนนำเข้มแข็งและกองทุนหนุนต่อเนื่องทุกปี"] * 2 for area in areas}})
    chart = bar_chart(pd.DataFrame({"term": ["กรีดยาง", "กระจูด"], "count": [5, 3]}), "term", "count", "คำ")
    notebook = new_notebook(cells=[_html_cell("<h1>ทดสอบ</h1>" + str(table_html(wide))),
                                   new_code_cell("c", outputs=[new_output("display_data", data={
                                       "image/png": figure_png(chart), "text/plain": "chart"})])])
    page_path = write_html(notebook, tmp_path / "r.html", show_code=False)
    manager, browser, page = _open_in_chromium(page_path, 390)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself never scrolls sideways
        frame = page.locator(".table-scroll").first
        assert frame.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls inside its frame
        frame.evaluate("e => { e.scrollLeft = 400; }")
        first = page.locator(".table-scroll td").first.bounding_box()
        assert first["x"] < 30  # the first column stayed in view
        image = page.locator("img").first
        natural, shown = image.evaluate("i => [i.naturalWidth, i.getBoundingClientRect().width]")
        assert shown == natural  # the chart keeps its size (its text as big as the page's), and scrolls
    finally:
        browser.close()
        manager.stop()
