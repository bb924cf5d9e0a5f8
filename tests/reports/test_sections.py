"""Report sections on a small real store: two areas of the demo corpus, a few codings."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure



@pytest.fixture()
def area_ctx(mini_home):
    from synthesis.reports import notebook

    notebook.setup()
    return notebook.load_context("mini", str(mini_home / "work" / "mini"), area="songkhla-khae", coder="consensus")


@pytest.fixture()
def collection_ctx(mini_home):
    from synthesis.reports import notebook

    return notebook.load_context("mini", str(mini_home / "work" / "mini"), coder="consensus")


def test_sections_area_documents_are_only_the_areas(area_ctx):
    assert len(area_ctx.area_documents) >= 3
    assert all("songkhla-khae" in list(a) for a in area_ctx.area_documents["areas"])


def test_sections_load_context_rejects_unknown_area(mini_home):
    from synthesis.reports import notebook

    with pytest.raises(ValueError, match="unknown area"):
        notebook.load_context("mini", str(mini_home / "work" / "mini"), area="bangkok")


def test_sections_load_context_names_a_missing_store(tmp_path):
    from synthesis.reports import notebook

    with pytest.raises(FileNotFoundError, match="synthesis ingest"):
        notebook.load_context("nothing", str(tmp_path / "none"))


def test_sections_profile_shows_area_fields(area_ctx):
    values = dict(zip(*sections_columns(__import__("synthesis.reports.sections", fromlist=["x"]).area_profile(area_ctx))))
    assert values["จังหวัด (province)"] == "สงขลา" and values["ตำบล (subdistrict)"] == "แค"


def sections_columns(frame: pd.DataFrame):
    return frame.iloc[:, 0].tolist(), frame.iloc[:, 1].tolist()


@pytest.mark.parametrize("name", ["organisation_network"])
def test_sections_charts_are_figures(area_ctx, name):
    from synthesis.reports import sections

    assert isinstance(getattr(sections, name)(area_ctx), Figure)


def test_sections_code_comparison_counts_this_area_against_others(area_ctx):
    from synthesis.reports import sections

    table = sections.code_comparison(area_ctx).set_index("code_id")
    assert table.at["success", "พื้นที่นี้ (this area)"] == 100  # every document coded with it
    assert table.at["innovation", "พื้นที่นี้ (this area)"] == 0


def test_sections_quotes_prefer_what_both_coders_coded(area_ctx):
    from synthesis.reports import sections

    quotes = sections.strongest_quotes(area_ctx)
    assert not quotes.empty
    agreed = quotes[quotes["รหัส (code)"] == "ปัจจัยความสำเร็จ"]
    assert agreed["coders"].tolist() == [2, 2]
    html = str(sections.quotes_html(quotes))
    assert "<blockquote>" in html and "corpora/" not in html  # self-contained: no link into raw files
    assert not any(f"{doc_id}:" in html for doc_id in area_ctx.area_documents["doc_id"])  # no offsets


def test_sections_methods_report_versions_and_agreement(area_ctx):
    from synthesis.reports import sections

    table = dict(zip(*sections_columns(sections.methods(area_ctx))))
    assert "nlpo3" in table["ตัวตัดคำ (tokenizer)"]
    assert "Krippendorff α" in table["ความสอดคล้องระหว่างผู้ลงรหัส (agreement)"]
    assert table["การลงรหัสที่รายงาน (codings reported)"] == "consensus"


def test_sections_unknown_coder_falls_back_to_people_and_says_so(mini_home):
    from synthesis.reports import notebook, sections

    ctx = notebook.load_context("mini", str(mini_home / "work" / "mini"), area="satun-na-thon", coder="nobody")
    assert sections.reported_codings(ctx)
    assert "nobody" in ctx.extras["coder_used"]


def test_sections_lesson_card_warns_on_unsupported_points(area_ctx, mini_home):
    from synthesis.findings.cards import CardPoint, LessonCard, save_card
    from synthesis.findings.scope import card_path
    from synthesis.reports import sections

    known = sections.all_codings(area_ctx)[0]
    card = LessonCard("songkhla-khae", "บทเรียนตำบลแค", {"success_factors": [
        CardPoint("ภาคีหลายฝ่ายร่วมมือ", [known.coding_id]), CardPoint("ผู้นำกลุ่มเข้มแข็ง", [])]})
    path = save_card(card, card_path("mini", "songkhla-khae"))
    try:
        text = str(sections.lesson_card_html(area_ctx))
    finally:
        path.unlink()
    before, after = text.split("ผู้นำกลุ่มเข้มแข็ง")
    assert "ภาคีหลายฝ่ายร่วมมือ" in before and "⚠️" in after and "⚠️" not in before
    # the cited coding's quote is in the page, collapsed under the point
    assert "<details><summary>หลักฐาน 1 ข้อความ" in before
    assert " ".join(known.quote.split())[:30] in before


def test_sections_lesson_card_absent_says_so(area_ctx):
    from synthesis.reports import sections

    text = str(sections.lesson_card_html(area_ctx))
    assert "ยังไม่มีบัตรบทเรียน" in text and "<li>" not in text


def test_sections_redacted_replaces_names_only_when_asked(mini_home, tmp_path):
    from synthesis.reports import notebook, sections

    frame = pd.DataFrame({"ชื่อ": ["นายประพันธ์ ทองขาว กล่าวเปิดประชุม"]})
    plain = notebook.load_context("mini", str(mini_home / "work" / "mini"), area="songkhla-khae")
    assert sections.redacted(plain, frame).equals(frame)
    hidden = notebook.load_context("mini", str(mini_home / "work" / "mini"), area="songkhla-khae", redact=True)
    hidden_home = tmp_path / "home"  # the key must live outside the project
    mp = pytest.MonkeyPatch()
    mp.setenv("HOME", str(hidden_home))
    try:
        out = sections.redacted(hidden, frame)
    finally:
        mp.undo()
    assert "ประพันธ์" not in out.iloc[0, 0] and "กล่าวเปิดประชุม" in out.iloc[0, 0]


def test_sections_redacted_fragment_stays_markup_with_names_replaced(mini_home, tmp_path):
    from synthesis.reports import html_safe, notebook, sections

    fragment = html_safe.tag("p", html_safe.tag("b", "นายประพันธ์ ทองขาว"), " กล่าวเปิดประชุม <สำคัญ>")
    hidden = notebook.load_context("mini", str(mini_home / "work" / "mini"), area="songkhla-khae", redact=True)
    mp = pytest.MonkeyPatch()
    mp.setenv("HOME", str(tmp_path / "home"))
    try:
        out = sections.redacted(hidden, fragment)
        records = sections.redacted(hidden, [{"ชื่อ": "นายประพันธ์ ทองขาว", "n": 3}])
    finally:
        mp.undo()
    assert isinstance(out, html_safe.Safe) and str(out).startswith("<p><b>")
    assert "ประพันธ์" not in str(out) and "&lt;สำคัญ&gt;" in str(out)
    assert "ประพันธ์" not in records[0]["ชื่อ"] and records[0]["n"] == 3


@pytest.mark.parametrize("name", ["shared_findings", "cards_comparison", "attribution_table",
                                  "parse_gaps", "coding_progress", "documents_by_area"])
def test_sections_collection_tables(collection_ctx, name):
    from synthesis.reports import sections

    assert isinstance(getattr(sections, name)(collection_ctx), pd.DataFrame)


def test_sections_coding_progress_counts_documents_per_coder(collection_ctx):
    from synthesis.reports import sections

    table = sections.coding_progress(collection_ctx).set_index("coder")
    assert table.at["coder_a", "documents"] == table.at["coder_a", "of"]


def test_sections_shared_findings_span_both_areas(collection_ctx):
    from synthesis.reports import sections

    table = sections.shared_findings(collection_ctx).set_index("รหัสย่อย (sub-code)")
    row = table.loc[[name for name in table.index if "ภาคี" in name][0]]
    assert row["ลักษณะ (shared or specific)"].startswith("หลายพื้นที่") or row["ลักษณะ (shared or specific)"].startswith("ร่วม")
    assert "สงขลา" in row["พื้นที่ (areas)"] or "แค" in row["พื้นที่ (areas)"]


def test_sections_load_context_ingests_a_missing_store_from_corpus_dir(mini_home, tmp_path):
    from synthesis.reports import notebook

    ctx = notebook.load_context("mini", str(tmp_path / "fresh-store"), area="songkhla-khae",
                                corpus_dir=str(mini_home / "corpora" / "mini"))
    assert (tmp_path / "fresh-store" / "manifest.json").is_file()
    assert len(ctx.area_documents) >= 3


@pytest.mark.parametrize("term, limit", [("กลุ่ม", 3), ("กลุ่ม", 100), ("สงขลา", 2), ("ไม่มีคำนี้", 5)])
def test_sections_keyword_in_context_gives_kwic_first_lines_over_all_documents(area_ctx, term, limit):
    from synthesis.analysis.kwic import kwic
    from synthesis.reports import sections

    docs = sections.with_text(area_ctx, area_ctx.area_documents)
    tokens = area_ctx.store.table("tokens", doc_ids=list(docs["doc_id"]))
    expected = kwic(docs[["doc_id", "text"]], term, window=6, tokens=tokens).head(limit)
    table = sections.keyword_in_context(area_ctx, [term], limit=limit)
    if expected.empty:
        assert table.empty
    else:
        assert table.drop(columns=["เอกสาร (document)"]).equals(expected.reset_index(drop=True))


def test_sections_area_documents_follow_a_new_documents_table(area_ctx):
    first = area_ctx.area_documents
    assert area_ctx.area_documents is first  # worked out once
    area_ctx.documents = area_ctx.documents.head(2)
    assert len(area_ctx.area_documents) <= 2


def test_sections_reported_table_matches_reported_codings(area_ctx):
    from synthesis.reports import sections

    table = sections.reported_table(area_ctx)
    codings = sections.reported_codings(area_ctx)
    assert sorted(table["coding_id"]) == sorted(c.coding_id for c in codings)


def test_sections_context_documents_hold_no_text_and_with_text_reads_it(area_ctx):
    from synthesis.reports import sections

    assert "text" not in area_ctx.documents.columns  # a report's cost must not grow with the archive
    docs = sections.with_text(area_ctx, area_ctx.area_documents)
    assert list(docs["doc_id"]) == list(area_ctx.area_documents["doc_id"])
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        assert text == area_ctx.store.text(doc_id)
    assert sections.with_text(area_ctx, docs) is docs
    assert "text" in sections.with_text(area_ctx, area_ctx.documents.head(0)).columns


@pytest.mark.parametrize(
    "areas, area_id, expected",
    [
        ([["yala-bala", "songkhla-khae"], [], ["songkhla-khae"]], "songkhla-khae", [True, False, True]),
        ([["satun-na-thon"], ["satun-na-thon-2"]], "satun-na-thon", [True, False]),
        ([[], []], "yala-bala", [False, False]),
    ],
)
def test_notebook_documents_in_area_matches_the_list_test(areas, area_id, expected):
    import pandas as pd

    from synthesis.reports.notebook import documents_in_area

    assert documents_in_area(pd.Series(areas, dtype=object), area_id).tolist() == expected
    assert [area_id in ids for ids in areas] == expected


def test_sections_code_comparison_chart_shows_the_comparison_numbers(area_ctx):
    import re

    from synthesis.reports import sections
    from synthesis.reports.html_safe import escape

    comparison = sections.code_comparison(area_ctx)
    html = str(sections.code_comparison_chart(comparison))
    shown = [int(n) for n in re.findall(r"</span> (\d+)</span>", html)]
    expected = [int(v) for pair in zip(comparison["พื้นที่นี้ (this area)"], comparison["พื้นที่อื่นเฉลี่ย (other areas)"])
                for v in pair]
    assert shown == expected
    assert all(str(escape(name)) in html for name in comparison["รหัส (code)"])


def test_sections_code_area_heatmap_writes_each_share(collection_ctx):
    import re

    from synthesis.reports import sections

    shares = sections.code_area_shares(collection_ctx)
    columns = [a.id for a in collection_ctx.areas if a.id in shares.columns]
    html = str(sections.code_area_heatmap(collection_ctx))
    cells = re.findall(r'<td style="[^"]*">([^<]*)</td>', html)
    assert cells == [f"{100 * v:.0f}" for v in shares[columns].to_numpy().ravel()]
