"""The review copy: each part's code (source of the functions it calls), parameters in effect,
data read."""

from __future__ import annotations

import lxml.html
import nbformat
import pytest

from synthesis.reports import review


@pytest.mark.parametrize("code, expected", [
    ("show(sections.documents_table(ctx))", {"show", "sections.documents_table"}),
    ("x = sections.redacted(ctx, sections.lesson_card_html(ctx))", {"sections.redacted", "sections.lesson_card_html"}),
    ("html_safe.display(html_safe.table(sections.agreement_per_code(ctx)))",
     {"html_safe.display", "html_safe.table", "sections.agreement_per_code"}),
    ("terms = kwic_terms or []", set()),
    ("this is not python (", set()),
])
def test_review_called_names(code, expected):
    assert review.called_names(code) == expected


def test_review_functions_called_follow_synthesis_calls_one_level_down():
    from synthesis.reports import sections

    names = [f"{f.__module__}.{f.__name__}" for f in
             review.functions_called("sections.quotes_html(sections.strongest_quotes(ctx))", {"sections": sections})]
    assert names[:2] == ["synthesis.reports.sections.quotes.quotes_html", "synthesis.reports.sections.quotes.strongest_quotes"]
    # what strongest_quotes calls, imported inside its body or from its module
    assert "synthesis.analysis.codes.coded_quotes" in names
    assert "synthesis.reports.sections.common.codebook" in names
    # not a synthesis function: pandas, builtins
    assert not any(name.startswith(("pandas", "builtins")) for name in names)


def test_review_functions_called_ignores_names_that_are_not_ours():
    assert review.functions_called("print(len(x))", {"x": [1]}) == []


def test_review_section_html_shows_source_parameters_and_reads():
    from types import SimpleNamespace

    from synthesis.reports import sections

    context = SimpleNamespace(parameters={"area": "yala-bala", "corpus_dir": "/somewhere/else/corpora/demo"},
                              extras={"review_commit": "abc123"})
    html = str(review.section_html(context, "sections.quotes_html(q)", {"sections": sections},
                                   [("store: tokens", "3 documents <b>", 120)]))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    text = root.text_content()
    assert "def quotes_html" in text and "abc123" in text
    assert "area = 'yala-bala'" in text and "/somewhere" not in text  # no absolute path
    assert "store: tokens — 3 documents <b> — 120" in text  # the selection is escaped text
    assert root.find(".//details").get("open") is None  # collapsed


@pytest.mark.parametrize("name", ["area_report", "cross_area", "corpus_overview"])
def test_review_every_part_of_every_template_has_a_review_cell(project_root, name):
    book = nbformat.read(project_root / "notebooks" / f"{name}.ipynb", as_version=4)
    headings = [c for c in book.cells if c.cell_type == "markdown" and "<a id=" in c.source
                and "changes" not in c.source]
    reviews = [c for c in book.cells if "review.section(ctx)" in c.source]
    assert len(reviews) == len(headings) >= 4
    for cell in reviews:  # in the review copy only (dropped from report.html as template notes are)
        assert set(review.REVIEW_TAGS) <= set(cell.metadata["tags"])
    assert "changes.changes_html" in "".join(c.source for c in book.cells)


def test_review_commit_names_head_or_says_why_not():
    value = review.commit()
    assert len(value.split()[0]) == 40 or value.startswith("—")


@pytest.mark.parametrize("module", ["synthesis.reports.html_safe", "synthesis.reports.review",
                                    "synthesis.reports.changes", "synthesis.reports.runner",
                                    "synthesis.reports.sections", "synthesis.reports.sections.common",
                                    "synthesis.reports.sections.documents", "synthesis.reports.sections.matrix",
                                    "synthesis.reports.sections.methods"])
def test_review_doctests_of_the_report_modules(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


def test_review_sources_and_call_graph_read_once_per_kernel(monkeypatch):
    """A kernel shows the same functions in every review block of every report: their source
    is read and their calls parsed once, with the same blocks as a fresh read gives."""
    from types import SimpleNamespace

    from synthesis.reports import sections

    context = SimpleNamespace(parameters={"area": "yala-bala"}, extras={"review_commit": "abc123"})
    code = "sections.quotes_html(sections.strongest_quotes(ctx))"
    review._source.cache_clear()
    review._callees.cache_clear()
    first = str(review.section_html(context, code, {"sections": sections}, []))
    reads = []
    real = review.inspect.getsource
    monkeypatch.setattr(review.inspect, "getsource", lambda f: reads.append(f) or real(f))
    again = str(review.section_html(context, code, {"sections": sections}, []))
    assert again == first and reads == []
    review._source.cache_clear()
    review._callees.cache_clear()
    fresh = str(review.section_html(context, code, {"sections": sections}, []))
    assert fresh == first and reads  # nothing cached: read again, the same block


def test_review_source_of_a_function_without_one_is_none():
    namespace = {}
    exec("def made_here():\n    return 1", namespace)
    assert review._source(namespace["made_here"]) is None
    assert review._callees(namespace["made_here"]) == ()
