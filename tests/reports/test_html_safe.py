"""html_safe: every string reaches the page as text; only the module's own markup is markup."""

from __future__ import annotations

import lxml.html
import pandas as pd
import pytest

from synthesis.reports import html_safe

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "[คลิก](javascript:alert(1))",
    '"><b onmouseover=alert(1)>ตัวหนา</b>',
    "กองทุน & <i>สวัสดิการ</i> 'ชุมชน'",
    "</td></tr></table><script>alert(2)</script>",
]


def _elements(fragment) -> list:
    root = lxml.html.fragment_fromstring(str(fragment), create_parent="div")
    return [(e.tag, dict(e.attrib)) for e in root.iter()]


@pytest.mark.parametrize("text", HOSTILE)
def test_html_safe_escape_leaves_text_as_text(text):
    root = lxml.html.fragment_fromstring(str(html_safe.escape(text)), create_parent="div")
    assert [e.tag for e in root.iter()] == ["div"]
    assert root.text_content() == text


@pytest.mark.parametrize("text", HOSTILE)
def test_html_safe_builders_escape_children_attributes_and_cells(text):
    fragment = html_safe.join([
        html_safe.tag("p", text, title=text),
        html_safe.details(text, html_safe.bullets([text, text])),
        html_safe.table(pd.DataFrame({text: [text, None]})),
        html_safe.heading(2, text, anchor=html_safe.anchor_id(text)),
    ])
    tags = [tag for tag, _ in _elements(fragment)]
    assert set(tags) <= {"div", "p", "details", "summary", "ul", "li", "table", "thead", "tbody", "tr",
                         "th", "td", "h2"}
    for _, attributes in _elements(fragment):
        assert not any(name.startswith("on") for name in attributes)
    root = lxml.html.fragment_fromstring(str(fragment), create_parent="div")
    assert root.text_content().count(text) >= 6


def test_html_safe_fragments_are_kept_and_not_escaped_twice():
    inner = html_safe.tag("b", "<ก>")
    assert str(html_safe.tag("p", inner)) == "<p><b>&lt;ก&gt;</b></p>"
    assert str(html_safe.escape(html_safe.escape("&"))) == "&amp;"


@pytest.mark.parametrize("href", ["javascript:alert(1)", "http://example.com", "#a b", "data:text/html,x"])
def test_html_safe_links_only_inside_the_page(href):
    with pytest.raises(ValueError, match="only links to a place in the page"):
        html_safe.tag("a", "x", href=href)


@pytest.mark.parametrize("name", ["script", "img", "svg", "iframe"])
def test_html_safe_refuses_tags_it_does_not_write(name):
    with pytest.raises(ValueError, match="not one html_safe writes"):
        html_safe.tag(name, "x")


def test_html_safe_refuses_event_attributes():
    with pytest.raises(ValueError, match="not one html_safe writes"):
        html_safe.tag("p", "x", onclick="alert(1)")


@pytest.mark.parametrize("text, expected", [
    ("ผู้เข้าร่วม\n๒๕ คน\r\n\tจาก  ชุมชน", "ผู้เข้าร่วม ๒๕ คน จาก ชุมชน"),
    ("<ก>\n", "&lt;ก&gt;"),
    (None, ""),
])
def test_html_safe_one_line_has_no_line_breaks(text, expected):
    assert str(html_safe.one_line(text)) == expected


def test_html_safe_one_line_cuts_on_a_space():
    assert str(html_safe.one_line("กลุ่ม ออมทรัพย์ ชุมชน", limit=12)) == "กลุ่ม …"


@pytest.mark.parametrize("value, shown", [(None, "—"), (float("nan"), "—"), (3.0, "3"), (2.5, "2.5"),
                                          (["ก", "ข"], "ก, ข")])
def test_html_safe_table_cells(value, shown):
    root = lxml.html.fragment_fromstring(str(html_safe.table(pd.DataFrame({"x": [value]}))))
    assert root.findall(".//td")[0].text_content() == shown


def test_html_safe_empty_table_says_so():
    assert "ไม่มีข้อมูล" in str(html_safe.table(pd.DataFrame()))
