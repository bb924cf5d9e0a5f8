"""`synthesis cards draft|check` and `synthesis matrix` on a small project, per collection."""

from __future__ import annotations

import pytest

from synthesis.cli import main
from synthesis.findings.cards import load_card


def _args(home, *extra):
    return [*extra, "--collection", "mini", "--work", str(home / "work" / "mini")]


def test_cards_command_draft_writes_a_card_then_a_draft_beside_it(mini_home, capsys):
    card_path = mini_home / "lessons" / "collections" / "mini" / "cards" / "songkhla-khae.yaml"
    try:
        assert main(_args(mini_home, "cards", "draft", "--area", "songkhla-khae")) == 0
        card = load_card(card_path)
        assert card.area == "songkhla-khae" and card.is_untouched_draft()
        assert card.setting["group"] and "success_factors" in card.sections
        assert main(_args(mini_home, "cards", "draft", "--area", "songkhla-khae")) == 0  # an untouched draft is redrafted
        assert not (card_path.parent / "songkhla-khae.draft.yaml").exists()
        edited = card_path.read_text(encoding="utf-8").replace("text: ", "text: (แก้ไขโดยทีม) ", 1)
        card_path.write_text(edited, encoding="utf-8")
        assert main(_args(mini_home, "cards", "draft", "--area", "songkhla-khae")) == 0
        assert card_path.read_text(encoding="utf-8") == edited  # the edited card is untouched
        assert (card_path.parent / "songkhla-khae.draft.yaml").is_file()
        assert "edited by a person" in capsys.readouterr().out
        assert main(_args(mini_home, "cards", "check")) == 0  # every drafted point cites real codings
    finally:
        for path in card_path.parent.glob("songkhla-khae*.yaml"):
            path.unlink()


@pytest.mark.parametrize("area", ["bangkok", "../x"])
def test_cards_command_rejects_unknown_area(mini_home, area, capsys):
    assert main(_args(mini_home, "cards", "draft", "--area", area)) == 2
    assert "unknown area" in capsys.readouterr().err


def test_cards_command_check_fails_on_unsupported_point(mini_home, capsys):
    path = mini_home / "lessons" / "collections" / "mini" / "cards" / "satun-na-thon.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("area: satun-na-thon\nsections:\n  obstacles:\n    - text: วัตถุดิบคลุ้มลดลง\n", encoding="utf-8")
    try:
        assert main(_args(mini_home, "cards", "check")) == 1
    finally:
        path.unlink()
    assert "satun-na-thon: obstacles #1" in capsys.readouterr().out


def test_cards_command_check_of_a_collection_without_cards_says_so(mini_home, capsys):
    assert main(["cards", "check", "--collection", "second", "--work", str(mini_home / "work" / "none")]) == 0
    out = capsys.readouterr().out
    assert "ยังไม่มีบัตรบทเรียน" in out and "yala-bala" not in out


def test_cards_command_matrix_shows_exports_and_edits(mini_home, tmp_path, capsys):
    assert main(_args(mini_home, "matrix")) == 0
    assert "songkhla-khae × success" in capsys.readouterr().out
    assert main(_args(mini_home, "matrix", "--by", "occupation", "--level", "sub", "--export", str(tmp_path / "m.xlsx"))) == 0
    assert (tmp_path / "m.xlsx").stat().st_size > 0
    assert main(_args(mini_home, "matrix", "edit", "--row", "songkhla-khae", "--theme", "success", "--text",
                      "ภาคีช่วยกันจริง")) == 2  # no editor: refused
    assert "--editor" in capsys.readouterr().err
    try:
        assert main(_args(mini_home, "matrix", "edit", "--row", "songkhla-khae", "--theme", "success", "--text",
                          "ภาคีช่วยกันจริง", "--editor", "mentor_a")) == 0
        capsys.readouterr()
        assert main(_args(mini_home, "matrix")) == 0
        assert "songkhla-khae × success [edited" in capsys.readouterr().out
    finally:
        (mini_home / "lessons" / "collections" / "mini" / "matrix.yaml").unlink()
