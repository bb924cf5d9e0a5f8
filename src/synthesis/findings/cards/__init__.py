"""Lesson cards v2: the card model, drafting in the ถอดบทเรียน form, grades and flags.

>>> from synthesis.findings.cards import LessonCard, CardPoint
>>> LessonCard("yala-bala", sections={"results": [CardPoint("ผู้ประกันตนเพิ่มขึ้น", ["c1"])]}).area
'yala-bala'
"""

from synthesis.findings.cards.model import (CARD_SECTIONS, SETTING_KEYS, CardError, CardPoint, LessonCard,
                                            card_section_of, card_text, edit_card, load_card, load_cards, parse_card,
                                            save_card, unsupported_points)

__all__ = ["CARD_SECTIONS", "SETTING_KEYS", "CardError", "CardPoint", "LessonCard", "card_section_of", "card_text",
           "edit_card", "load_card", "load_cards", "parse_card", "save_card", "unsupported_points"]
