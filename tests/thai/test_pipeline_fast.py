"""The compiled soundness check of entities (``_fast_pipeline``) equals the Python one."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.thai.accel import compiled
from synthesis.thai.spans import Entity

pipeline_module = importlib.import_module("synthesis.thai.pipeline")
graphemes = importlib.import_module("synthesis.thai.graphemes")

pytestmark = pytest.mark.skipif(compiled("pipeline") is None, reason="_fast_pipeline is not built")


def _both(text: str, entities: list[Entity]):
    fast = compiled("pipeline").sound_flags(text, entities, graphemes._CUT_RISK, graphemes.is_boundary)
    return fast, pipeline_module._python_sound_flags(text, entities)


TEXT = "ประชุมที่ จ.ยะลา วันที่ ๑๙ เม.ย. ๒๕๖๒ มี 24 คน น้ำใจ"


@pytest.mark.parametrize(
    "start, end, own, sound",
    [
        (10, 16, "จ.ยะลา", True),
        (24, 26, "๑๙", True),
        (10, 16, "จ.ยะลx", False),  # not its own text
        (10, 15, "จ.ยะล", False),  # ends before า, which belongs to ล
        (47, 49, "น้", False),  # ends inside น้ำ
        (48, 51, "้ำใ", False),  # starts on a mark
        (41, 43, "24", True),
        (47, 52, "น้ำใจ", True),
        (-1, 3, "ประ", False),
        (50, 60, "ใจ", False),  # beyond the text
        (50, 52, "ใจ", True),
        (5, 5, "", False),  # empty
    ],
)
def test_pipeline_fast_sound_flags_equal_python(start, end, own, sound):
    entity = Entity(start, end, own, "PLACE")
    fast, python = _both(TEXT, [entity])
    assert fast == python == [sound]


_characters = st.sampled_from(list("กขคงเแะาำิี่้็์ab1 ") + ["\u0301", "🇹", "\u200d"])


@given(st.lists(_characters, max_size=20).map("".join), st.lists(st.tuples(st.integers(-2, 22), st.integers(-2, 22)), max_size=6))
@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pipeline_fast_sound_flags_equal_python_on_random_spans(text, spans):
    entities = [Entity(a, b, text[max(a, 0) : max(b, 0)], "NUMBER") for a, b in spans]
    fast, python = _both(text, entities)
    assert fast == python


def test_pipeline_unsound_entities_are_dropped_and_logged(monkeypatch):
    warnings = []
    monkeypatch.setattr(pipeline_module.log, "warning", lambda message, *args: warnings.append(message % args))
    good, bad = Entity(0, 6, "ประชุม", "ORG"), Entity(47, 49, "น้", "PLACE")
    kept = pipeline_module._sound(TEXT, [good, bad])
    assert kept == [good]
    assert warnings == ["dropped an unsound PLACE entity at 47-49"]
