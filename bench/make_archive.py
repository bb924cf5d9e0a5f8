"""A synthetic archive of N report files, for benchmarks only (never commit its output).

Each file recombines lines of the demo corpus (``corpora/demo``) of one pilot area: the fund,
project, title and reporter of one of the area's reports, a new activity date, a venue in
the area, then body and outcome lines drawn from all of the area's reports, with their
numbers varied. One file in ten is an interview: a few turns drawn from the area's
interview. The same ``--seed`` gives the same archive, byte for byte.

    .venv/bin/python bench/make_archive.py OUT_DIR --documents 10000 [--seed 12]

Files go to ``OUT_DIR/<area>/<year>/<n>.txt``, so each area and year is a folder, as a
programme's archive often is.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"

MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
VENUES = ["ศาลาอเนกประสงค์หมู่ที่ {moo}", "ห้องประชุม {lg}", "ศูนย์เรียนรู้ของกลุ่ม หมู่ที่ {moo}",
          "รพ.สต.{tambon}", "บ้านประธานกลุ่ม หมู่ที่ {moo}", "มัสยิดประจำหมู่ที่ {moo}"]
START_HEADING = "กิจกรรมที่ปฎิบัติ"
RESULT_HEADING = "ผลที่เกิดขึ้นจริง"
_GLUED_DATE = re.compile(r"\d{1,2}\s*(?:" + "|".join(MONTHS) + r")\s*\d{4}\s*$")
_NUMBER = re.compile(r"(?<![\d.,])(?<!มาตรา )(\d{1,3})(?![\d.,])")  # 1-3 digits: counts, not years or times


@dataclass
class AreaSources:
    area_id: str
    province: str
    amphoe: str
    tambon: str
    local_government: str
    headers: list[tuple[str, str, str, str]] = field(default_factory=list)  # fund, project, title, reporter
    body: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    turns: list[tuple[str, str]] = field(default_factory=list)  # (question line, answer line)


def load_sources(demo: Path = DEMO) -> list[AreaSources]:
    """What each area's demo reports and interview offer to recombine."""
    import synthesis  # noqa: F401
    from synthesis.corpus.areas import load_areas

    sources = []
    for area in load_areas():
        found = AreaSources(area.id, area.province, area.amphoe or "", area.tambon or "",
                            area.local_government or "")
        for path in sorted((demo / "reports").glob(f"{area.id}_*.txt")):
            _read_report(path.read_text(encoding="utf-8"), found)
        interview = demo / "interviews" / f"{area.id}_interview.txt"
        if interview.is_file():
            lines = [line for line in interview.read_text(encoding="utf-8").splitlines() if line.strip()]
            for first, second in zip(lines, lines[1:]):
                if first.startswith("ผู้สัมภาษณ์:") and second.startswith("ผู้ให้ข้อมูล:"):
                    found.turns.append((first, second))
        if found.headers:
            sources.append(found)
    if not sources:
        raise SystemExit(f"{demo}: no demo reports to recombine")
    return sources


def _read_report(text: str, into: AreaSources) -> None:
    lines = text.splitlines()
    nonblank = [line for line in lines if line.strip()]
    if len(nonblank) < 5 or "โดย" not in nonblank[4]:
        return
    title = _GLUED_DATE.sub("", nonblank[2]).strip()
    reporter = nonblank[4].split("โดย", 1)[1].strip()
    into.headers.append((nonblank[0], nonblank[1], title, reporter))
    section = None
    for line in lines:
        if line.startswith(START_HEADING):
            section = into.body
        elif line.startswith(RESULT_HEADING):
            section = into.results
        elif section is not None and line.strip() and line.strip() != "circle" \
                and not line.startswith(("วันที่", "ผู้เข้าร่วม")):
            section.append(line)


def _vary_numbers(line: str, rng: random.Random) -> str:
    return _NUMBER.sub(lambda m: str(max(1, round(int(m.group(1)) * rng.uniform(0.6, 1.5)))), line)


def _date(rng: random.Random) -> tuple[int, int, int]:
    """Day, month, Buddhist-Era year between July 2562 and December 2567."""
    year = rng.randint(2562, 2567)
    month = rng.randint(7 if year == 2562 else 1, 12)
    return rng.randint(1, 28), month, year


def make_report(area: AreaSources, rng: random.Random) -> tuple[str, int]:
    """One activity report of ``area``: its text and its Buddhist-Era year."""
    fund, project, title, reporter = rng.choice(area.headers)
    day, month, year = _date(rng)
    when = f"{day} {MONTHS[month - 1]} {year}"
    venue = rng.choice(VENUES).format(moo=rng.randint(1, 9), lg=area.local_government, tambon=area.tambon)
    body = [_vary_numbers(line, rng) for line in rng.sample(area.body, min(len(area.body), rng.randint(4, 9)))]
    results = [_vary_numbers(line, rng) for line in rng.sample(area.results, min(len(area.results), rng.randint(2, 5)))]
    lines = [fund, "", project, "", f"{title}{when}", str(day), f"{MONTHS[month - 1]} {year}รายงานจากพื้นที่ โดย {reporter}",
             "circle", f"{START_HEADING} (รายละเอียดกิจกรรมที่ทำจริง)", "",
             f"วันที่ {when} เวลา 09.00-12.00 น. ณ {venue} ต.{area.tambon} อ.{area.amphoe} จ.{area.province}",
             f"ผู้เข้าร่วม จำนวน ..{rng.randint(8, 60)}... คน", "", *body, "", "circle",
             f"{RESULT_HEADING} ผลผลิต (Output) / ผลลัพธ์ (Outcome)", "", *results, ""]
    return "\n".join(lines), year


def make_interview(area: AreaSources, rng: random.Random) -> tuple[str, int]:
    day, month, year = _date(rng)
    turns = rng.sample(area.turns, min(len(area.turns), rng.randint(3, 6)))
    lines = [f"ถอดบทเรียนพื้นที่ต้นแบบ ต.{area.tambon} จังหวัด{area.province}",
             f"วันที่สัมภาษณ์ {day} {MONTHS[month - 1]} {year}",
             f"สถานที่ หมู่ที่ {rng.randint(1, 9)} ต.{area.tambon} อ.{area.amphoe} จ.{area.province}", ""]
    for question, answer in turns:
        lines += [question, _vary_numbers(answer, rng)]
    return "\n".join(lines) + "\n", year


def make_archive(out: Path, documents: int, seed: int = 12, hold_area: str | None = None,
                 hold_after: int = 0) -> list[Path]:
    """Write ``documents`` files under ``out``; return their paths.

    With ``hold_area``, files from number ``hold_after`` on go to the other areas only: the
    first ``hold_after`` files are those of a smaller archive of the same seed, so that one
    area stays the same while the archive grows around it.
    """
    rng = random.Random(seed)
    sources = load_sources()
    others = [s for s in sources if s.area_id != hold_area] or sources
    written = []
    for n in range(documents):
        area = others[n % len(others)] if hold_area and n >= hold_after else sources[n % len(sources)]
        interview = area.turns and rng.random() < 0.1
        text, year = make_interview(area, rng) if interview else make_report(area, rng)
        path = out / area.area_id / str(year - 543) / f"{n:07d}{'-interview' if interview else ''}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder (created)")
    parser.add_argument("--documents", type=int, default=1000, help="number of files (default 1000)")
    parser.add_argument("--seed", type=int, default=12, help="random seed (default 12)")
    parser.add_argument("--hold-area", help="an area that gets no files after --hold-after")
    parser.add_argument("--hold-after", type=int, default=0)
    args = parser.parse_args(argv)
    paths = make_archive(args.out, args.documents, args.seed, args.hold_area, args.hold_after)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
