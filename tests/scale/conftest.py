"""A small corpus of two pilot areas over two years, for the scale tests."""

from __future__ import annotations

import pytest

REPORT = """กองทุนหลักประกันสุขภาพ {lg} - กปท

โครงการส่งเสริมสุขภาพ{group} ตำบล{tambon}

ประชุมกลุ่ม{group}ครั้งที่ {n}{day} มีนาคม {year}
{day}
มีนาคม {year}รายงานจากพื้นที่ โดย mentor_{n}
circle
กิจกรรมที่ปฎิบัติ (รายละเอียดกิจกรรมที่ทำจริง)

ประชุม ณ ศาลาหมู่ที่ {n} ต.{tambon} อ.{amphoe} จ.{province} ผู้เข้าร่วม จำนวน ..{count}... คน
สมาชิกตกลงออมเงินเดือนละ {count}0 บาท และสมัครผู้ประกันตนมาตรา 40 เพิ่ม {n} คน
"""

AREAS = {
    "yala-bala": dict(lg="อบต.บาละ", group="ผู้กรีดยาง", tambon="บาละ", amphoe="กาบัง", province="ยะลา"),
    "satun-na-thon": dict(lg="อบต.นาทอน", group="จักสานคลุ้ม", tambon="นาทอน", amphoe="ทุ่งหว้า", province="สตูล"),
}
YEARS = (2564, 2566)  # 2021 and 2023


def write_corpus(folder, per_part: int = 2):
    """``per_part`` reports for each area and year: 2 areas × 2 years × per_part files."""
    n = 0
    for area, names in AREAS.items():
        for year in YEARS:
            for _ in range(per_part):
                n += 1
                path = folder / area / f"{year}-{n:02d}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(REPORT.format(n=n, day=1 + n % 27, year=year, count=10 + n, **names),
                                encoding="utf-8")
    return folder


@pytest.fixture
def two_area_corpus(tmp_path):
    return write_corpus(tmp_path / "south")


@pytest.fixture(scope="module")
def two_area_store(tmp_path_factory):
    """The two-area corpus ingested once per test module: (corpus folder, store folder)."""
    from synthesis.corpus import ingest

    base = tmp_path_factory.mktemp("scale")
    corpus = write_corpus(base / "south")
    ingest(corpus, work_dir=base / "work", progress=False)
    return corpus, base / "work"
