"""Site furniture: removed from the text that is read, logged, never content."""

from __future__ import annotations

import pytest

from synthesis.corpus.document import build_document
from synthesis.corpus.furniture import strip_furniture
from synthesis.corpus.readers import RawText


@pytest.mark.parametrize(
    "line, rule",
    [
        ("  • photo  , 1280x960 pixel , 118,437 bytes.", "photo-list"),
        ("• photo , 750x1334 pixel , 92,428 bytes.", "photo-list"),
        ("star star star star star_border", "rating"),
        ("คะแนน 4.5/5 (12 โหวต)", "rating"),
        ("หน้าแรก | โครงการ | กิจกรรม | ติดต่อเรา", "menu"),
        ("หน้าแรก » กองทุน » โครงการ", "menu"),
        ("Relate topics", "site-footer"),
        ("directions_run", "icon-line"),
        ("stars", "icon-line"),
        ("circle", "icon-line"),
        ("account_circle", "icon-line"),
    ],
)
def test_furniture_line_rules(line, rule):
    stripped = strip_furniture(f"ก่อน\n{line}\nหลัง\n")
    assert stripped.text == "ก่อน\nหลัง\n"
    assert [c.rule for c in stripped.removed] == [rule]
    assert stripped.removed[0].text == line + "\n"


@pytest.mark.parametrize(
    "text, kept, rule",
    [
        ("6.431,101.289placeณ มัสยิดประจำหมู่บ้าน", "ณ มัสยิดประจำหมู่บ้าน", "map-coordinates"),
        ("7.489, 100.194place ศาลาหมู่ 4", " ศาลาหมู่ 4", "map-coordinates"),
        ("starsรหัสโครงการ 66-L2480", "รหัสโครงการ 66-L2480", "icon-word"),
        ("โครงการออมเงินdirections_run", "โครงการออมเงิน", "icon-word"),
        ("ผู้เข้าร่วม 32 คนplace", "ผู้เข้าร่วม 32 คน", "icon-word"),
    ],
)
def test_furniture_glued_words_cut_alone(text, kept, rule):
    stripped = strip_furniture(text)
    assert stripped.text == kept
    assert [c.rule for c in stripped.removed] == [rule]
    cut = stripped.removed[0]
    assert text[cut.start:cut.end] == cut.text  # the log points into the text it was given


@pytest.mark.parametrize(
    "text",
    [
        "the meeting will take place in Hat Yai",  # an English word between spaces is content
        "| ชื่อโครงการ | ออมเพื่อสุขภาพ | รหัสโครงการ | 66-L1234 |",  # a pipe-table row
        "สสจ./สสอ. / อบต. ร่วมประชุม",  # slashes inside a sentence
        "ภาพถ่าย 3 ภาพ ขนาดใหญ่",  # a sentence about photos
        "กลุ่มดาว star_fruit",  # a snake_case word that is no icon
        "คะแนนเฉลี่ย 4.5 จาก 5",  # a score in a sentence
    ],
)
def test_furniture_content_is_kept(text):
    assert strip_furniture(text + "\n").text == text + "\n"
    assert strip_furniture(text + "\n").removed == []


def test_furniture_removed_from_the_document_text_and_kept_in_the_raw_file():
    raw = ("กองทุนหลักประกันสุขภาพ อบต.บาละ - กปท\ndirections_run\nโครงการออมเงิน\nstars\n"
           "  • photo  , 1280x960 pixel , 118,437 bytes.\nวันที่ 5 มีนาคม 2566 ประชุมกลุ่มออมทรัพย์\n")
    document = build_document("demo", "a.txt", RawText(raw, "txt"))
    assert "directions_run" not in document.text and "pixel" not in document.text
    assert not any(t.text in ("directions_run", "stars", "photo", "pixel") for t in document.tokens)
    assert "directions_run" in raw  # the raw text is never changed


def test_furniture_icon_words_no_longer_lead_word_counts_of_the_pages():
    """On the labelled pages, icon and photo-list words are tokens before and none after."""
    from pathlib import Path

    from synthesis.thai.tokenize import words

    furniture_words = {"directions_run", "stars", "place", "circle", "photo", "pixel", "bytes", "account_circle"}
    before = after = 0
    for path in sorted((Path(__file__).parent.parent / "data" / "pages").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        before += sum(1 for w in words(text) if w in furniture_words)
        after += sum(1 for w in words(strip_furniture(text).text) if w in furniture_words)
    assert before >= 20 and after == 0


@pytest.mark.parametrize(
    "text, kept, rules",
    [
        ("กองทุนสุขภาพชุมชน - กองทุนส่งเสริมสุขภาพระดับพื้นที่ - กสพ\nโครงการออม\n", "โครงการออม\n", ["site-banner"]),
        ("คนใต้สร้างสุข | ระบบติดตามโครงการ\nโครงการออม\n", "โครงการออม\n", ["site-banner"]),
        ("กองทุนหลักประกันสุขภาพ อบต.แค - กปท\nโครงการออม\n", "กองทุนหลักประกันสุขภาพ อบต.แค - กปท\nโครงการออม\n", []),
        ("โครงการออม\nคนใต้สร้างสุข | ระบบติดตามโครงการ\n", "โครงการออม\nคนใต้สร้างสุข | ระบบติดตามโครงการ\n", []),
        ("ประชุม 5 มี.ค. | ห้อง 2\nเนื้อหา\n", "ประชุม 5 มี.ค. | ห้อง 2\nเนื้อหา\n", []),
    ],
    ids=["site-name", "first-line-site-section", "fund-line-stays", "not-first-line", "digits-are-content"],
)
def test_furniture_site_banner(text, kept, rules):
    stripped = strip_furniture(text)
    assert stripped.text == kept and [c.rule for c in stripped.removed] == rules


@pytest.mark.parametrize("text", ["ที่place่", "น้ำplaceา", "7.1,100.2placeี"])
def test_furniture_never_glues_a_mark_to_another_letter(text):
    from synthesis.thai.normalize import normalize_text

    stripped = strip_furniture(text).text
    assert normalize_text(stripped) == stripped and stripped == text
