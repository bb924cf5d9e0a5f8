"""What changed since the last build of a report: a small JSON snapshot is saved beside the
report at each build (``snapshot.json``); the next build compares with it.

The snapshot holds what a supervisor checks after a re-analysis: the ids of each coder's
codings in the report's documents, the card's points, the documents, and the report's key
numbers (documents, codings per coder, agreement, the share of documents per code).

>>> old = {"codings": {"coder_a": ["c1", "c2"]}, "card": {"results 1": "ก"}, "documents": {"d1": "รายงาน"},
...        "numbers": {"documents": 1}}
>>> new = {"codings": {"coder_a": ["c2", "c3"]}, "card": {"results 1": "ข"}, "documents": {"d1": "รายงาน", "d2": "ใหม่"},
...        "numbers": {"documents": 2}}
>>> [(row["what"], row["detail"]) for row in compare(old, new)][:2]
[('การลงรหัส (codings)', 'coder_a: +1 −1'), ('บัตรบทเรียน (card)', 'แก้ไข (edited) results 1')]
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from synthesis.reports import html_safe as h

SNAPSHOT_NAME = "snapshot.json"
SNAPSHOT_VERSION = 1


def snapshot(context) -> dict[str, Any]:
    """The snapshot of a report's inputs and key numbers, from its context."""
    from synthesis.reports import sections

    doc_ids = set(context.area_documents["doc_id"])
    codings: dict[str, list[str]] = {}
    for c in sections.all_codings(context):
        if c.doc_id in doc_ids:
            codings.setdefault(c.coder, []).append(c.coding_id)
    numbers: dict[str, Any] = {"เอกสาร (documents)": len(doc_ids)}
    for coder, ids in sorted(codings.items()):
        numbers[f"การลงรหัสของ {coder} (codings)"] = len(ids)
    agreement = sections.agreement_table(context)
    if not agreement.empty:
        overall = agreement[agreement["code_id"] == "ALL"].iloc[0]
        numbers["Krippendorff α"] = round(float(overall["krippendorff_alpha"]), 3)
    if context.area is not None:
        for row in sections.code_comparison(context).itertuples(index=False):
            numbers[f"% เอกสาร: {row.code_id}"] = int(row[2])
    # with ``redact`` the snapshot beside the report holds pseudonyms, as the report does
    card = {key: sections.redacted(context, text) for key, text in _card_points(context).items()}
    titles = {d: sections.redacted(context, t) for d, t in
              zip(context.area_documents["doc_id"], context.area_documents["title"].fillna(""))}
    return {
        "version": SNAPSHOT_VERSION,
        "built": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _short_commit(),
        "codings": {coder: sorted(ids) for coder, ids in sorted(codings.items())},
        "card": card,
        "documents": titles,
        "numbers": numbers,
    }


def _short_commit() -> str:
    from synthesis.reports.review import commit

    return commit()[:12]


def _card_points(context) -> dict[str, str]:
    from synthesis.findings.scope import load_collection_cards

    if context.area is not None:
        from synthesis.reports.sections import area_card

        card, _ = area_card(context)
        cards = {context.area.id: card} if card is not None else {}
    else:
        cards, _ = load_collection_cards(context.collection)
    points = {}
    for area, card in sorted(cards.items()):
        for name, number, point in card.points():
            key = f"{name} {number}" if context.area is not None else f"{area}: {name} {number}"
            points[key] = point.text
    return points


def compare(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, str]]:
    """The differences between two snapshots, one row per change: ``what`` (Thai first) and
    ``detail``. No previous snapshot: one row saying this is the first build."""
    if not old:
        return [{"what": "การสร้างครั้งแรก (first build)", "detail": "ไม่มีรายงานครั้งก่อนให้เทียบ (nothing to compare with)"}]
    rows = []
    for coder in sorted(set(old.get("codings", {})) | set(new.get("codings", {}))):
        before, after = set(old.get("codings", {}).get(coder, [])), set(new.get("codings", {}).get(coder, []))
        if before != after:
            rows.append({"what": "การลงรหัส (codings)", "detail": f"{coder}: +{len(after - before)} −{len(before - after)}"})
    old_card, new_card = old.get("card", {}), new.get("card", {})
    for key in sorted(set(old_card) | set(new_card)):
        if key not in old_card:
            rows.append({"what": "บัตรบทเรียน (card)", "detail": f"เพิ่ม (added) {key}: {new_card[key]}"})
        elif key not in new_card:
            rows.append({"what": "บัตรบทเรียน (card)", "detail": f"ลบ (removed) {key}: {old_card[key]}"})
        elif old_card[key] != new_card[key]:
            rows.append({"what": "บัตรบทเรียน (card)", "detail": f"แก้ไข (edited) {key}"})
    old_docs, new_docs = old.get("documents", {}), new.get("documents", {})
    for doc_id in sorted(set(new_docs) - set(old_docs)):
        rows.append({"what": "เอกสาร (documents)", "detail": f"เพิ่ม (added): {new_docs[doc_id]}"})
    for doc_id in sorted(set(old_docs) - set(new_docs)):
        rows.append({"what": "เอกสาร (documents)", "detail": f"ออก (removed): {old_docs[doc_id]}"})
    old_numbers, new_numbers = old.get("numbers", {}), new.get("numbers", {})
    for name in sorted(set(old_numbers) | set(new_numbers)):
        if old_numbers.get(name) != new_numbers.get(name):
            rows.append({"what": "ตัวเลข (numbers)",
                         "detail": f"{name}: {old_numbers.get(name, '—')} → {new_numbers.get(name, '—')}"})
    if not rows:
        rows.append({"what": "ไม่มีการเปลี่ยนแปลง (no change)", "detail": f"ตั้งแต่ (since) {old.get('built', '—')}"})
    return rows


def read_snapshot(path: Path) -> dict[str, Any] | None:
    """The snapshot at ``path``; None when missing or unreadable (a broken file is no reason
    to stop a build: it is replaced)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_snapshot(path: Path, data: dict[str, Any]) -> None:
    """Write a snapshot atomically (temporary file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def changes_html(context, report_dir: str | Path | None) -> h.Safe:
    """Compare this build with the snapshot beside the report, save the new snapshot, and
    return the changes as a table (Thai first); without ``report_dir`` nothing is compared."""
    if not report_dir:
        return h.tag("p", h.tag("i", "ไม่ได้ระบุโฟลเดอร์รายงาน จึงไม่มีการเทียบ (no report folder given: nothing compared)"))
    path = Path(report_dir) / SNAPSHOT_NAME
    old = read_snapshot(path)
    new = snapshot(context)
    rows = compare(old, new)
    write_snapshot(path, new)
    import pandas as pd

    since = f"เทียบกับการสร้างเมื่อ (compared with the build of) {old.get('built', '—')}, commit {old.get('commit', '—')}" \
        if old else ""
    table = pd.DataFrame([{"สิ่งที่เปลี่ยน (what)": r["what"], "รายละเอียด (detail)": r["detail"]} for r in rows])
    return h.join([h.tag("p", since) if since else "", h.table(table)])
