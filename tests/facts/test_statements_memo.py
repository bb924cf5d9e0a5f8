"""read_statements is read once per (text, date) in a process; each caller gets copies."""

from __future__ import annotations

import pytest

from synthesis.facts import statements as module


@pytest.mark.parametrize("text, date", [
    ("ที่ประชุมตั้งเป้าหมาย คือ ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน ภายใน 2 ปี", "2022-03-01"),
    ("ครัวเรือนที่ใช้น้ำกรดลดจาก 38 เหลือ 6 ครัวเรือน", None),
])
def test_statements_memo_same_as_a_fresh_read(text, date):
    module._READ_CACHE.clear()
    first = module.read_statements(text, date)
    assert first == module._read_statements(text, date)
    assert module.read_statements(text, date) == first and (text, date) in module._READ_CACHE


def test_statements_memo_callers_cannot_change_what_others_read():
    text = "ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน"
    first = module.read_statements(text, None)
    first[0].deadline, first[0].value = "2099-01-01", -1
    first.clear()
    again = module.read_statements(text, None)
    assert [s.value for s in again] == [21, 64] and again[0].deadline is None


def test_statements_memo_date_is_part_of_the_key():
    text = "ตั้งเป้าหมาย หน่วยบริการชุมชน 2 หน่วย ภายใน 3 ปี"
    early, late = module.read_statements(text, "2020-01-01"), module.read_statements(text, "2023-01-01")
    assert early[0].deadline != late[0].deadline


def test_statements_memo_bounded(monkeypatch):
    monkeypatch.setattr(module, "_READ_CACHE_LIMIT", 3)
    module._READ_CACHE.clear()
    for n in range(10):
        module.read_statements(f"อบรม {n + 1} คน", None)
    assert len(module._READ_CACHE) <= 3
