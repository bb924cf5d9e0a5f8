"""ORG entities from the agency lexicon: abbreviations, full names, regions, provinces."""

import pytest

from synthesis.thai.orgs import build_lexicon, find_orgs


@pytest.mark.parametrize(
    ("text", "span", "value", "abbr"),
    [
        ("ประสานงานกับ สปสช. แล้ว", "สปสช.", "สำนักงานหลักประกันสุขภาพแห่งชาติ", "สปสช."),
        ("ประสานงานกับสปสช แล้ว", "สปสช", "สำนักงานหลักประกันสุขภาพแห่งชาติ", "สปสช."),
        ("สำนักงานหลักประกันสุขภาพแห่งชาติ สนับสนุน", "สำนักงานหลักประกันสุขภาพแห่งชาติ", "สำนักงานหลักประกันสุขภาพแห่งชาติ", "สปสช."),
        ("ทุนจาก สสส.", "สสส.", "สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ", "สสส."),
        ("ร่วมกับอปท.ในพื้นที่", "อปท.", "องค์กรปกครองส่วนท้องถิ่น", "อปท."),
        ("และพม.เข้ามาร่วม", "พม.", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "พม."),
        ("ครู กศน. ในตำบล", "กศน.", "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย", "กศน."),
        ("เจ้าหน้าที่ พช. อำเภอ", "พช.", "กรมการพัฒนาชุมชน", "พช."),
        ("สคร.12 สงขลา", "สคร.12", "สำนักงานป้องกันควบคุมโรคที่ 12", "สคร."),
        ("ห้องประชุม สปสช.เขต12สงขลา", "สปสช.เขต12", "สำนักงานหลักประกันสุขภาพแห่งชาติ เขต 12", "สปสช."),
        ("กขป.เขต 12 ประสาน", "กขป.เขต 12", "คณะกรรมการเขตสุขภาพเพื่อประชาชน เขต 12", "กขป."),
        ("ทีม รพ.สต. ลงพื้นที่", "รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบล", "รพ.สต."),
        ("ทีม รพสต ลงพื้นที่", "รพสต", "โรงพยาบาลส่งเสริมสุขภาพตำบล", "รพ.สต."),
        ("ผู้แทน สสจ.สงขลา", "สสจ.สงขลา", "สำนักงานสาธารณสุขจังหวัดสงขลา", "สสจ."),
        ("ผู้แทน พมจ.ยะลา", "พมจ.ยะลา", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดยะลา", "พมจ."),
        ("สำนักงานแรงงานจังหวัดสตูล ร่วมประชุม", "สำนักงานแรงงานจังหวัดสตูล", "สำนักงานแรงงานจังหวัดสตูล", None),
        ("ประกันสังคมจังหวัดตรัง ชี้แจง", "ประกันสังคมจังหวัดตรัง", "สำนักงานประกันสังคมจังหวัดตรัง", None),
        (
            "ศูนย์ประสานงานแรงงานนอกระบบจังหวัดพัทลุง",
            "ศูนย์ประสานงานแรงงานนอกระบบจังหวัดพัทลุง",
            "ศูนย์ประสานงานแรงงานนอกระบบจังหวัดพัทลุง",
            None,
        ),
    ],
)
def test_orgs_find_orgs_expands_abbreviations(text, span, value, abbr):
    (entity,) = find_orgs(text)
    assert (entity.text, entity.value, entity.attrs["abbr"]) == (span, value, abbr)
    assert text[entity.start : entity.end] == entity.text and entity.label == "ORG"


def test_orgs_longest_match_wins():
    (entity,) = find_orgs("กองทุนหลักประกันสุขภาพระดับท้องถิ่น")
    assert entity.text == "กองทุนหลักประกันสุขภาพระดับท้องถิ่น"
    assert entity.value == "กองทุนหลักประกันสุขภาพท้องถิ่น"


@pytest.mark.parametrize("text", ["สสสร้างสรรค์", "ทมทม", "พมพ์", "ไม่มีหน่วยงาน"])
def test_orgs_dotless_forms_do_not_match_inside_words(text):
    assert find_orgs(text) == []


def test_orgs_several_in_a_list():
    text = "ภาคี: กรมควบคุมโรค ,สปสช. ,สสส.,อปท. กระทรวงมหาดไทย"
    assert [e.attrs["abbr"] for e in find_orgs(text)] == ["คร.", "สปสช.", "สสส.", "อปท.", "มท."]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [("name: x", "expected a list"), ("- abbr: x.", "entry 1 has no 'name'"), ("- name: x\n  aliases: y", "aliases"), ("- [", "not valid YAML")],
)
def test_orgs_bad_lexicon_names_the_problem(yaml_text, message):
    with pytest.raises(ValueError, match=message) as error:
        build_lexicon(yaml_text, "my_orgs.yaml")
    assert "my_orgs.yaml" in str(error.value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("สภาองค์กรชุมชนตำบลแค ร่วมสำรวจ", "สภาองค์กรชุมชนตำบลแค", "สภาองค์กรชุมชนตำบลแค"),
        ("เจ้าหน้าที่โรงพยาบาลห้วยยอด มาตรวจ", "โรงพยาบาลห้วยยอด", "โรงพยาบาลห้วยยอด"),
        ("พยาบาล รพ.หนองจิก สอน", "รพ.หนองจิก", "โรงพยาบาลหนองจิก"),
        ("อาจารย์จากวิทยาลัยชุมชนสตูล 2 คน", "วิทยาลัยชุมชนสตูล", "วิทยาลัยชุมชนสตูล"),
        ("ผู้แทน พมจ. สตูล", "พมจ. สตูล", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสตูล"),
    ],
)
def test_orgs_take_the_place_name_that_follows(text, span, value):
    (entity,) = [e for e in find_orgs(text) if e.label == "ORG"]
    assert (entity.text, entity.value) == (span, value)


def test_orgs_bad_place_flag_names_the_problem():
    with pytest.raises(ValueError, match="my_orgs.yaml: place of กรมอนามัย"):
        build_lexicon("- name: กรมอนามัย\n  place: village", "my_orgs.yaml")
