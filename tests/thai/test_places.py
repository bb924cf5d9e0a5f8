"""PLACE entities from the geothai gazetteer: prefixes, glued forms, ambiguity."""

import pytest

from synthesis.thai.gazetteer import gazetteer
from synthesis.thai.places import find_places


def _summary(text):
    return [(e.text, e.value, e.attrs["level"], e.attrs["province"]) for e in find_places(text)]


def test_places_gazetteer_has_every_area():
    g = gazetteer()
    assert len(g.province_by_code) == 77
    assert len(g.district_by_code) == 928
    assert sum(len(v) for v in g.subdistricts.values()) == 7436


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("จังหวัดยะลา5", [("จังหวัดยะลา", "ยะลา", "province", "ยะลา")]),
        ("จ.สตูล", [("จ.สตูล", "สตูล", "province", "สตูล")]),
        ("จว.ตรัง", [("จว.ตรัง", "ตรัง", "province", "ตรัง")]),
        ("อ.หนองจิก", [("อ.หนองจิก", "หนองจิก", "amphoe", "ปัตตานี")]),
        ("อำเภอจะนะ", [("อำเภอจะนะ", "จะนะ", "amphoe", "สงขลา")]),
        ("เขตพระนคร", [("เขตพระนคร", "พระนคร", "amphoe", "กรุงเทพมหานคร")]),
        ("แขวงบางรัก", [("แขวงบางรัก", "บางรัก", "tambon", "กรุงเทพมหานคร")]),
        ("ประชุมที่กรุงเทพฯ", [("กรุงเทพฯ", "กรุงเทพมหานคร", "province", "กรุงเทพมหานคร")]),
        ("ในพื้นที่นครศรีฯ", [("นครศรีฯ", "นครศรีธรรมราช", "province", "นครศรีธรรมราช")]),
    ],
)
def test_places_prefixes_and_glued_forms(text, expected):
    assert _summary(text) == expected


def test_places_address_chain_resolves_the_subdistrict():
    assert _summary("ต.แค อ.จะนะ จ.สงขลา") == [
        ("ต.แค", "แค", "tambon", "สงขลา"),
        ("อ.จะนะ", "จะนะ", "amphoe", "สงขลา"),
        ("จ.สงขลา", "สงขลา", "province", "สงขลา"),
    ]


def test_places_bare_provinces_in_a_list():
    assert [e.value for e in find_places("กลุ่มจังหวัดนำร่อง: จังหวัดกระบี่ สตูล และสงขลา")] == ["กระบี่", "สตูล", "สงขลา"]


@pytest.mark.parametrize(
    "text",
    [
        "ไม่เคยเลยสักครั้ง",  # เลย is a province only after จังหวัด
        "โรคแพร่ระบาดหนัก",
        "ตากผ้าไว้",
        "กองทุนตำบล กิจกรรมต่าง ๆ",  # ตำบล followed by a word that is no subdistrict
        "แค่นี้ก็พอ",  # a subdistrict name (แค) without a prefix
        "ห้องประชุม สปสช.เขต 12",
    ],
)
def test_places_common_words_are_not_places(text):
    assert find_places(text) == []


def test_places_ambiguous_subdistrict_is_flagged_with_candidates():
    (entity,) = find_places("ตำบลโคกเคียน")
    assert entity.attrs["ambiguous"] is True
    assert entity.attrs["province"] is None
    assert set(entity.attrs["candidates"]) == {"พังงา", "นราธิวาส"}


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("ตำบลโคกเคียน อำเภอเมืองนราธิวาส", "นราธิวาส"),
        ("จังหวัดพังงา ได้เลือกตำบลโคกเคียน", "พังงา"),
        ("จังหวัดนราธิวาส ได้คัดเลือกพื้นที่ตำบลโคกเคียน กลุ่มอาชีพจักสานกระจูด", "นราธิวาส"),
    ],
)
def test_places_ambiguity_resolved_by_nearby_place(text, province):
    tambon = next(e for e in find_places(text) if e.value == "โคกเคียน")
    assert tambon.attrs["province"] == province
    assert tambon.attrs["ambiguous"] is False


def test_places_ambiguity_resolved_by_province_elsewhere_in_the_text():
    text = "รายงานจังหวัดนราธิวาส" + "\n\n" + "ก" * 300 + "\n\nพื้นที่ตำบลโคกเคียน"
    tambon = find_places(text)[-1]
    assert tambon.attrs["province"] == "นราธิวาส"
    assert tambon.attrs["resolved_by"] == "document"


def test_places_capital_district_takes_the_nearby_province():
    district = find_places("อ.เมือง จ.สงขลา")[0]
    assert district.attrs["province"] == "สงขลา"
    assert district.attrs["district_name"] == "เมืองสงขลา"


@pytest.mark.parametrize(
    ("text", "value", "unit", "province"),
    [
        ("อบต.บาละ อ.กาบัง", "บาละ", "องค์การบริหารส่วนตำบล", "ยะลา"),
        ("ทม.คอหงส์", "คอหงส์", "เทศบาลเมือง", "สงขลา"),
        ("เทศบาลตำบลหนองจิก จ.ปัตตานี", "หนองจิก", "เทศบาลตำบล", "ปัตตานี"),
        ("เทศบาลนครหาดใหญ่", "หาดใหญ่", "เทศบาลนคร", "สงขลา"),
        ("อบจ.สงขลา", "สงขลา", "องค์การบริหารส่วนจังหวัด", "สงขลา"),
    ],
)
def test_places_local_government_units(text, value, unit, province):
    entity = find_places(text)[0]
    assert entity.attrs["level"] == "local_gov"
    assert (entity.value, entity.attrs["unit"], entity.attrs["province"]) == (value, unit, province)


def test_places_offsets_match_the_text():
    text = "ณ ห้องประชุม ต.ตลาดเมืองหาดใหญ่ อ.หาดใหญ่ จ.สงขลา แล้ว"
    for entity in find_places(text):
        assert text[entity.start : entity.end] == entity.text
        assert entity.label == "PLACE" and entity.source == "gazetteer"


@pytest.mark.parametrize(("text", "province"), [("ทม.พัทลุง", "พัทลุง"), ("เทศบาลเมืองพัทลุง", "พัทลุง")])
def test_places_town_municipality_named_after_its_province(text, province):
    (entity,) = find_places(text)
    assert entity.text == text and entity.attrs["level"] == "local_gov"
    assert entity.value == province and entity.attrs["province"] == province


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("คณะทำงานเดินทางไปหาดใหญ่ จังหวัดสงขลา", ["หาดใหญ่", "สงขลา"]),
        ("คณะทำงานเดินทางไปหาดใหญ่", []),  # the province is not named: a bare district is not read
        ("ใบสะเดาจากสวน จ.สงขลา", ["สงขลา"]),  # a district name that is an everyday word
        ("อ.หาดใหญ่ จ.สงขลา", ["หาดใหญ่", "สงขลา"]),
    ],
)
def test_places_bare_district_only_where_its_province_is_named(text, expected):
    assert [e.value for e in find_places(text)] == expected


@pytest.mark.parametrize("text", ["ตำบล และ อำเภอ เมือง", "อำเภอ และ จังหวัด", "ตำบล ที่ตั้ง"])
def test_places_a_spaced_prefix_before_a_common_word_is_no_place(text):
    assert find_places(text) == []


@pytest.mark.parametrize("text, values", [
    ("ณ ตำบล แค อำเภอ จะนะ จังหวัด สงขลา", ["แค", "จะนะ", "สงขลา"]),
    ("อำเภอ เมืองนราธิวาส", ["เมืองนราธิวาส"]),
])
def test_places_a_spaced_prefix_before_a_real_name_is_read(text, values):
    assert [e.value for e in find_places(text)] == values


# --- places read for a record (synthesis.thai.place_resolution) ---------------------------------

from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from synthesis.thai.place_resolution import closest_name, fold, is_institution_name, read_places  # noqa: E402

_SENTENCES = yaml.safe_load((Path(__file__).parent.parent / "data" / "places" / "sentences.yaml").read_text("utf-8"))


def _read_set(text: str) -> set[str]:
    """level:name of every place read, plus the province a resolved place names."""
    got = set()
    for p in read_places(text):
        got.add(f"{p.level}:{p.label}")
        if p.level != "province" and p.province and not p.ambiguous:
            got.add(f"province:{p.province}")
    return got


def place_scores() -> dict[str, float]:
    """Precision and recall of the places read on the labelled sentences."""
    tp = fp = fn = 0
    for case in _SENTENCES:
        got, want = _read_set(case["text"]), set(case["places"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    return {"precision": tp / max(1, tp + fp), "recall": tp / max(1, tp + fn), "places": tp + fn,
            "sentences": len(_SENTENCES)}


@pytest.mark.parametrize("case", _SENTENCES, ids=[c["text"][:24] for c in _SENTENCES])
def test_places_resolution_labelled_sentence(case):
    assert _read_set(case["text"]) == set(case["places"])
    readings = read_places(case["text"])
    assert [p.name for p in readings if p.ambiguous] == case.get("ambiguous", [])
    assert all(p.candidates for p in readings if p.ambiguous)
    assert [[p.written, p.name] for p in readings if p.variant] == case.get("variant", [])


def test_places_resolution_precision_and_recall():
    scores = place_scores()
    assert scores["sentences"] >= 40
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.95, scores


@pytest.mark.parametrize(
    "text, name, institution",
    [
        ("สปสช. เขต 12 สงขลา", "สงขลา", True),
        ("สปสช.เขต12สงขลา", "สงขลา", True),
        ("ทะเลสาบสงขลา", "สงขลา", True),
        ("มหาวิทยาลัยสงขลานครินทร์", "สงขลา", True),
        ("โรงพยาบาลยะลา", "ยะลา", True),
        ("ม.อ.ปัตตานี", "ปัตตานี", True),
        ("จังหวัดสงขลา", "สงขลา", False),
        ("ตัวแทนจากสงขลา", "สงขลา", False),
    ],
)
def test_places_resolution_institution_or_region_is_no_province(text, name, institution):
    start = text.rindex(name)
    assert is_institution_name(text, start, start + len(name)) is institution


@pytest.mark.parametrize(
    "written, level, name",
    [
        ("ปนาเระ", "tambon", "ปะนาเระ"),  # ะ dropped
        ("ปัตตานีี", "province", "ปัตตานี"),  # doubled vowel
        ("สุราษฏร์ธานี", "province", "สุราษฎร์ธานี"),  # ฏ for ฎ
        ("หาดใหญ", "amphoe", "หาดใหญ่"),  # one edit (tone mark left out)
        ("บ้าน", "tambon", None),  # too short and too common
        ("ขนมจีนน้ำยา", "tambon", None),  # far from every name
    ],
)
def test_places_resolution_variant_within_the_bound(written, level, name):
    assert closest_name(written, level) == name


def test_places_resolution_fold_is_the_spelling_key():
    assert fold("สุราษฏร์ธานี") == fold("สุราษฎร์ธานี") and fold("ปะนาเระ") == fold("ปนาเระ")
    assert fold("ปัตตานีี") == fold("ปัตตานี") and fold("แค") != fold("แคง")


def test_places_resolution_local_government_is_an_organisation():
    (reading,) = read_places("ผู้แทน อบต.บาละ")
    assert (reading.level, reading.label, reading.unit, reading.province) == (
        "local_gov", "อบต.บาละ", "องค์การบริหารส่วนตำบล", "ยะลา")


def test_places_resolution_bare_district_written_as_a_subdistrict_is_the_subdistrict():
    levels = {(p.level, p.name) for p in read_places("จังหวัดตรัง คนกรีดยางห้วยยอด ที่ ต.ห้วยยอด")}
    assert ("amphoe", "ห้วยยอด") not in levels and ("tambon", "ห้วยยอด") in levels


def test_places_resolution_without_non_places_for_the_tagging_pipeline():
    from synthesis.thai import analyze
    from synthesis.thai.place_resolution import without_non_places

    text = "ประชุมที่ สปสช.เขต 12 สงขลา กับ รพ.ทุ่งหว้า และ มหาวิทยาลัยสงขลานครินทร์ ต.นาทอน จ.สตูล"
    entities = analyze(text).entities
    kept = without_non_places(text, entities)
    places = [e.text for e in kept if e.label == "PLACE"]
    assert "สงขลา" not in places and "ทุ่งหว้า" not in places
    assert "ต.นาทอน" in places and "จ.สตูล" in places
    assert [e for e in entities if e.label != "PLACE"] == [e for e in kept if e.label != "PLACE"]
