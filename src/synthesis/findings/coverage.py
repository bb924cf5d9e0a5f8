"""Coverage: where evidence is missing (a gap is a finding), and saturation per area.

- :func:`evidence_gaps`: for each theme, the areas with no coded evidence at all, named in Thai.
- :func:`saturation`: for one area, its documents in date order (then by id, so reruns give
  the same order) with the codes each one adds that no earlier document had; a document
  nobody coded says so instead of counting as "nothing new".

>>> import pandas as pd
>>> placed = pd.DataFrame({"row": ["yala-bala"], "theme": ["success"]})
>>> from synthesis.corpus.areas import Area
>>> areas = [Area("yala-bala", "บาละ", "Bala", "ยะลา"), Area("songkhla-khae", "ตำบลแค", "Khae", "สงขลา")]
>>> gaps = evidence_gaps(placed, [("success", "ปัจจัยความสำเร็จ")], areas)
>>> gaps.iloc[0]["text_th"]
'ไม่มีหลักฐานเรื่อง “ปัจจัยความสำเร็จ” จาก 1 พื้นที่: ตำบลแค'
"""

from __future__ import annotations

import pandas as pd

GAP_COLUMNS = ["theme", "theme_th", "areas_without", "areas_without_th", "n_without", "n_areas", "text_th"]
SATURATION_COLUMNS = ["order", "doc_id", "date", "title", "kind", "coded", "codes", "new_codes", "new_code_ids",
                      "cumulative_codes"]


def theme_list(codebook, level: str = "top") -> list[tuple[str, str]]:
    """``(code id, Thai label)`` of the themes at ``level`` (``top`` or ``sub``).

    >>> theme_list(None)
    []
    """
    if codebook is None:
        return []
    codes = codebook.top_level() if level == "top" else [c for c in codebook if c.parent]
    return [(c.id, codebook.label(c.id)) for c in codes]


def evidence_gaps(placed: pd.DataFrame, themes: list[tuple[str, str]], areas) -> pd.DataFrame:
    """One row per theme: the areas without any evidence for it (``placed``: codings placed in
    matrix cells, :func:`synthesis.findings.matrix.cell_evidence`, with ``row`` = area id)."""
    present = set(zip(placed["row"], placed["theme"])) if len(placed) else set()
    rows = []
    for theme, theme_th in themes:
        missing = [a for a in areas if (a.id, theme) not in present]
        names = ", ".join(a.name_th for a in missing)
        text = (f"ไม่มีหลักฐานเรื่อง “{theme_th}” จาก {len(missing)} พื้นที่: {names}" if missing
                else f"ทุกพื้นที่มีหลักฐานเรื่อง “{theme_th}”")
        rows.append({"theme": theme, "theme_th": theme_th, "areas_without": [a.id for a in missing],
                     "areas_without_th": [a.name_th for a in missing], "n_without": len(missing),
                     "n_areas": len(areas), "text_th": text})
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def saturation(placed: pd.DataFrame, documents: pd.DataFrame, area: str) -> pd.DataFrame:
    """New codes per added document of ``area``, in document date order (ties by doc_id).

    ``placed``: codings with ``row`` (area id), ``doc_id``, ``code_id``; ``documents``: the
    store's documents (``doc_id, date, title, kind, areas``).

    >>> docs = pd.DataFrame({"doc_id": ["b", "a"], "date": ["2022-01-01", "2021-01-01"], "title": ["", ""],
    ...                      "kind": ["", ""], "areas": [["x"], ["x"]]})
    >>> placed = pd.DataFrame({"row": ["x", "x", "x"], "doc_id": ["a", "b", "b"], "code_id": ["c1", "c1", "c2"]})
    >>> saturation(placed, docs, "x")[["doc_id", "new_codes", "cumulative_codes"]].values.tolist()
    [['a', 1, 1], ['b', 1, 2]]
    """
    if documents.empty or "areas" not in documents:  # an area with no documents yet
        return pd.DataFrame(columns=SATURATION_COLUMNS)
    mine = documents[documents["areas"].map(lambda a: a is not None and area in list(a)).astype(bool)]
    mine = mine.assign(_date=mine["date"].map(lambda d: d if isinstance(d, str) and d else "9999-99-99"))
    mine = mine.sort_values(["_date", "doc_id"], kind="mergesort")
    coded = placed[placed["row"] == area] if len(placed) else placed
    codes_by_doc = coded.groupby("doc_id")["code_id"].agg(lambda c: sorted(set(c))).to_dict() if len(coded) else {}
    seen: set[str] = set()
    rows = []
    for order, doc in enumerate(mine.itertuples(index=False), start=1):
        codes = codes_by_doc.get(doc.doc_id, [])
        new = [c for c in codes if c not in seen]
        seen.update(codes)
        rows.append({"order": order, "doc_id": doc.doc_id, "date": doc.date if isinstance(doc.date, str) else "",
                     "title": getattr(doc, "title", ""), "kind": getattr(doc, "kind", ""), "coded": bool(codes),
                     "codes": len(codes), "new_codes": len(new), "new_code_ids": new, "cumulative_codes": len(seen)})
    return pd.DataFrame(rows, columns=SATURATION_COLUMNS)


def saturation_note(table: pd.DataFrame) -> str:
    """A Thai sentence on saturation: how many documents added codes, and whether the last
    coded ones still did.

    >>> saturation_note(pd.DataFrame({"coded": [True, True, False], "new_codes": [5, 0, 0], "order": [1, 2, 3]}))
    'เอกสารที่ลงรหัสแล้ว 2 ฉบับ (ยังไม่ลงรหัส 1 ฉบับ); รหัสใหม่หยุดเพิ่มตั้งแต่เอกสารลำดับที่ 2 (ข้อมูลเริ่มอิ่มตัว)'
    """
    coded = table[table["coded"]]
    uncoded = int((~table["coded"]).sum())
    head = f"เอกสารที่ลงรหัสแล้ว {len(coded)} ฉบับ" + (f" (ยังไม่ลงรหัส {uncoded} ฉบับ)" if uncoded else "")
    if coded.empty:
        return head + "; ยังประเมินความอิ่มตัวไม่ได้"
    adding = coded[coded["new_codes"] > 0]
    last = int(adding["order"].max()) if len(adding) else 0
    after = coded[coded["order"] > last]
    if len(after):
        return head + f"; รหัสใหม่หยุดเพิ่มตั้งแต่เอกสารลำดับที่ {int(after['order'].min())} (ข้อมูลเริ่มอิ่มตัว)"
    return head + "; เอกสารฉบับล่าสุดยังเพิ่มรหัสใหม่ (ยังไม่อิ่มตัว)"
