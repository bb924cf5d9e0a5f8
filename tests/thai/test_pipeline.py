"""analyze(): one call from raw text to normalized text and spans."""

from __future__ import annotations

import importlib

import pytest

from synthesis.thai import analyze
from synthesis.thai.spans import SEGMENT_KINDS


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   \n\n\t ",
        "only latin words here, nothing else.",
        "😀👍🏽 🇹🇭🇹🇭 👨\u200d👩\u200d👧",
        "\x00\x01\x02ก\x07\x1b[31mข\x7f",
        "\u0e48\u0e49 \u0e31 ่ ุ",
        "\ufeff\u200b\u00ad",
        "ก" * 5000,
        "a\r\nb\rc",
        "ประชุม\ud800คน สปสช.เขต 12 \udfff",  # lone surrogates (a broken decode): no UTF-8 form
    ],
)
def test_pipeline_garbage_gives_valid_document(raw):
    doc = analyze(raw)
    assert "".join(t.text for t in doc.tokens) == doc.text
    for span in [*doc.tokens, *doc.segments, *doc.entities]:
        assert doc.text[span.start : span.end] == span.text
    assert all(s.kind in SEGMENT_KINDS for s in doc.segments)


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("ปฎิบัติงาน\u200bจริง", "ปฏิบัติงานจริง"),
        ("เเรงงาน\u00a0นอกระบบ", "แรงงาน นอกระบบ"),
    ],
)
def test_pipeline_offsets_point_into_normalized_text(raw, normalized):
    doc = analyze(raw)
    assert doc.text == normalized
    assert doc.changes
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)


def test_pipeline_keeps_paragraphs():
    first = "สมาชิกกลุ่มจักสานกระจูดร่วมกันสำรวจความเสี่ยงจากการทำงานและจัดทำแผนปรับปรุงสถานที่ทำงานของตนเองร่วมกับ อบต."
    second = "ผลการสำรวจถูกนำเสนอต่อกองทุนหลักประกันสุขภาพเพื่อขอรับการสนับสนุนงบประมาณในปีถัดไป"
    doc = analyze(f"{first}\n\n{second}")
    assert "\n\n" in doc.text
    assert [s.text for s in doc.segments if s.kind == "paragraph"] == [first, second]


def test_pipeline_real_pages_keep_every_invariant(seeds_dir):
    """The programme's own pages (read in place, never copied): spans are sound everywhere."""
    from synthesis.thai.graphemes import is_boundary

    pages = sorted(seeds_dir.glob("*.txt"))
    assert pages
    for page in pages:
        doc = analyze(page.read_text(encoding="utf-8-sig"))
        assert "".join(t.text for t in doc.tokens) == doc.text, page.name
        for span in [*doc.tokens, *doc.segments, *doc.entities]:
            assert doc.text[span.start : span.end] == span.text, page.name
            assert is_boundary(doc.text, span.start) and is_boundary(doc.text, span.end), page.name
        kinds = {s.kind for s in doc.segments}
        assert {"paragraph", "list_item", "sentence"} <= kinds, page.name


@pytest.mark.slow
def test_pipeline_twenty_megabyte_single_line():
    """One unbroken 20 MB line (no newline): a valid document, no engine sees it whole."""
    text = ("แรงงานนอกระบบได้รับสิทธิประโยชน์จากกองทุน " * 500_000)[:20_000_000]
    doc = analyze(text)
    assert doc.tokens[-1].end == len(doc.text) == len(text)
    assert doc.tokens[0].text == "แรงงานนอกระบบ"
    assert [s.kind for s in doc.segments[:1]] == ["paragraph"]


def test_pipeline_drops_unsound_entities(monkeypatch):
    import types

    from synthesis.thai.spans import Entity

    def find_entities(text, tokens):
        return [
            Entity(0, 6, "กระจูด", "ORG"),  # sound
            Entity(0, 2, "กร", "ORG"),  # cuts the cluster ระ
            Entity(1, 3, "xx", "ORG"),  # does not point at its text
        ]

    monkeypatch.setitem(__import__("sys").modules, "synthesis.thai.entities",
                        types.SimpleNamespace(find_entities=find_entities))
    doc = analyze("กระจูด")
    assert [(e.start, e.end) for e in doc.entities] == [(0, 6)]


@pytest.mark.parametrize("enabled_before", [True, False])
@pytest.mark.parametrize("text", ["ประชุม ๓ ครั้ง ที่ จ.ยะลา", "กระจูด"])
def test_pipeline_pauses_the_collector_and_restores_it_on_error(monkeypatch, text, enabled_before):
    import gc

    pipeline = importlib.import_module("synthesis.thai.pipeline")
    seen = []

    def failing(text, **options):
        seen.append(gc.isenabled())
        raise RuntimeError("a stage failed")

    monkeypatch.setattr(pipeline, "_analyze", failing)
    was = gc.isenabled()
    try:
        (gc.enable if enabled_before else gc.disable)()
        with pytest.raises(RuntimeError):
            analyze(text)
        assert seen == [False]
        assert gc.isenabled() is enabled_before
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled_before", [True, False])
@pytest.mark.parametrize("text", ["ประชุม ๓ ครั้ง ที่ จ.ยะลา", ""])
def test_pipeline_restores_the_garbage_collector(text, enabled_before):
    import gc

    from synthesis.thai.pipeline import collector_paused

    was = gc.isenabled()
    try:
        (gc.enable if enabled_before else gc.disable)()
        analyze(text)
        assert gc.isenabled() is enabled_before
        with pytest.raises(RuntimeError), collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("an error inside")
        assert gc.isenabled() is enabled_before
    finally:
        (gc.enable if was else gc.disable)()
