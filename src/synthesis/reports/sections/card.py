"""The area's lesson card."""

from __future__ import annotations

from synthesis.reports.notebook import ReportContext
from synthesis.reports.sections.common import all_codings


__all__ = ["lesson_card_markdown"]


def lesson_card_markdown(context: ReportContext) -> str:
    """The area's edited lesson card as Markdown, with a warning on every point that no
    coding supports."""
    from synthesis.analysis.cards import CARD_SECTIONS, CardError, load_card, unsupported_points
    from synthesis.paths import lessons_dir

    path = lessons_dir() / "cards" / f"{context.area.id}.yaml"
    if not path.is_file():
        return (f"_ยังไม่มีบัตรบทเรียนของพื้นที่นี้ (no lesson card yet): draft one with "
                f"`synthesis cards draft --area {context.area.id}` and edit it._")
    try:
        card = load_card(path)
    except CardError as error:
        return f"**บัตรบทเรียนอ่านไม่ได้ (the lesson card cannot be read):** {error}"
    weak = unsupported_points(card, [c.coding_id for c in all_codings(context)])
    flagged = {(r.section, r.point): r.reason for r in weak.itertuples()}
    parts = [f"### {card.title}" if card.title else ""]
    for name, (thai, english, _) in CARD_SECTIONS.items():
        points = card.sections.get(name)
        if not points:
            continue
        parts.append(f"**{thai} ({english})**\n")
        for index, point in enumerate(points, start=1):
            warning = f" ⚠️ _{flagged[(name, index)]}_" if (name, index) in flagged else ""
            parts.append(f"- {point.text}{warning}")
        parts.append("")
    return "\n".join(parts)
