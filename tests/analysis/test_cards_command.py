"""`synthesis cards draft|check` on a small project: drafts from codings, never overwrites."""

from __future__ import annotations

import pytest

from synthesis.analysis.cards import load_card
from synthesis.cli import main


def test_cards_command_draft_writes_a_card_then_a_draft_beside_it(mini_home, capsys):
    corpus = str(mini_home / "corpora" / "mini")
    work = str(mini_home / "work" / "mini")
    card_path = mini_home / "lessons" / "cards" / "songkhla-khae.yaml"
    try:
        assert main(["cards", "draft", "--area", "songkhla-khae", "--corpus", corpus, "--work", work]) == 0
        card = load_card(card_path)
        assert card.area == "songkhla-khae" and "success_factors" in card.sections
        edited = card_path.read_text(encoding="utf-8") + "# แก้ไขโดยทีม\n"
        card_path.write_text(edited, encoding="utf-8")
        assert main(["cards", "draft", "--area", "songkhla-khae", "--corpus", corpus, "--work", work]) == 0
        assert card_path.read_text(encoding="utf-8") == edited  # the edited card is untouched
        assert (card_path.parent / "songkhla-khae.draft.yaml").is_file()
        assert main(["cards", "check"]) == 0  # every drafted point cites real codings
    finally:
        for path in card_path.parent.glob("songkhla-khae*.yaml"):
            path.unlink()


@pytest.mark.parametrize("area", ["bangkok", "../x"])
def test_cards_command_rejects_unknown_area(mini_home, area, capsys):
    assert main(["cards", "draft", "--area", area, "--work", str(mini_home / "work" / "mini")]) == 2
    assert "unknown area" in capsys.readouterr().err


def test_cards_command_check_fails_on_unsupported_point(mini_home, capsys):
    path = mini_home / "lessons" / "cards" / "satun-na-thon.yaml"
    path.write_text("area: satun-na-thon\nsections:\n  obstacles:\n    - text: วัตถุดิบคลุ้มลดลง\n", encoding="utf-8")
    try:
        assert main(["cards", "check"]) == 1
    finally:
        path.unlink()
    assert "satun-na-thon: obstacles #1" in capsys.readouterr().out
