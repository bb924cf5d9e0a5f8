"""The parser on the programme's real pages (../shared/seeds; skipped when absent)."""

from __future__ import annotations

import pytest

from synthesis.corpus.parser import parse_document

# file prefix -> kind, date, date_end, reporter, title (its first words only: the seeds' text is
# not copied into the project), provinces that must be listed
EXPECTED = {
    "000_": ("meeting_summary", "2022-09-11", "2022-09-12", None,
             "ประชุมเชิงปฏิบัติการเพ", ["กระบี่", "สตูล", "สงขลา"]),
    "001_": ("meeting_summary", "2022-07-21", None, None,
             "การหารือเชิงนโยบาย : แ", ["กรุงเทพมหานคร"]),
    "002_": ("activity_report", "2019-07-22", None, "อารีย์ สุวรรณชาตรี",
             "การประชุมทีมผู้รับผิดช", ["สงขลา"]),
    "003_": ("activity_report", "2020-09-04", None, "คณิชญา แซนโทส",
             "ประชุมคณะทำงานระดับเขต", ["สงขลา", "นราธิวาส", "ยะลา", "ปัตตานี",
                                                            "พัทลุง", "ตรัง", "สตูล"]),
    "004_": ("other", "2022-07-07", None, None,
             "กขป.เขต 12 ประเด็นสุขภ", ["สงขลา", "ตรัง"]),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_parser_seed_pages(seeds_dir, prefix):
    files = sorted(seeds_dir.glob(prefix + "*"))
    if not files:
        pytest.skip(f"no seed {prefix}*")
    kind, date, date_end, reporter, title, provinces = EXPECTED[prefix]
    report = parse_document(files[0].read_text(encoding="utf-8"), path=str(files[0]))
    assert report.kind == kind
    assert (report.date, report.date_end, report.reporter) == (date, date_end, reporter)
    assert report.title.startswith(title)
    assert not report.title.rstrip().endswith(("2565", "2562", "2563"))  # the glued date is cut off
    assert set(provinces) <= set(report.provinces)
    assert "และ" not in report.tambon


def test_parser_seed_fund_report_sections_and_count(seeds_dir):
    files = sorted(seeds_dir.glob("003_*"))
    if not files:
        pytest.skip("no seed 003_*")
    report = parse_document(files[0].read_text(encoding="utf-8"))
    assert set(report.sections) == {"activities", "outcomes"}
    assert report.participants_count == 5
    assert len(report.participants) == 6  # the page lists six names for a count of five


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_parser_seed_pages_furniture_and_non_places(seeds_dir, prefix):
    """Photo lists are not text; a health region, a lake, a university is no province; a
    subdistrict of another province than the one written is not listed; local governments
    are organisations."""
    files = sorted(seeds_dir.glob(prefix + "*"))
    if not files:
        pytest.skip(f"no seed {prefix}*")
    report = parse_document(files[0].read_text(encoding="utf-8"))
    assert "pixel" not in report.text and "bytes." not in report.text
    assert "ตลาด" not in report.tambon  # "ต.ตลาดเมืองหาดใหญ่ ... จ.สงขลา"
    assert not set(report.tambon) & {"หนองจิก"}  # เทศบาลตำบลหนองจิก is a local government
    if prefix == "003_":
        assert {"ทต.หนองจิก", "ทม.พัทลุง"} <= set(report.local_governments)
        assert (report.project or "").startswith("โครงการพัฒนากลไก")
        banner = files[0].read_text(encoding="utf-8").splitlines()[0].strip()  # the site's name, read from the seed
        assert report.fund is None and banner not in report.text  # the site banner
