"""Privacy with hostile text: short name forms (nicknames, the given name used in address)
must be pseudonymised wherever the full name is known, in reports' tables, KWIC contexts and
`export table` CSV/XLSX; a context cut inside a name never leaks its surname; and exported
cells never start a spreadsheet formula. The labelled set is tests/data/privacy/short_forms.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from synthesis.analysis.kwic import kwic
from synthesis.coding import CodingStore, new_coding
from synthesis.privacy import PseudonymKey, build_key, redact_frame, redact_text
from synthesis.privacy.redact import name_spans
from tests.hostile.conftest import ROOT, ingest_quietly, write_corpus

LABELLED = yaml.safe_load((ROOT / "tests" / "data" / "privacy" / "short_forms.yaml").read_text(encoding="utf-8"))
ROSTER = LABELLED["roster"]
FIRST_AND_LAST = ["สมศรี", "ทองดี", "ซาลมะห์", "เจ๊ะและ", "ฮาซัน", "ยูโซะ", "อำไพ", "แก้วมณี", "ชาตรี", "บุญมาก"]


@pytest.fixture(scope="module")
def key() -> PseudonymKey:
    return build_key([("roster", ROSTER)], PseudonymKey.new("hostile", salt="4e" * 32))


def labelled_spans(case) -> list[tuple[int, int]]:
    return [(case["text"].find(name), case["text"].find(name) + len(name)) for name in case["names"]]


@pytest.mark.parametrize("case", LABELLED["cases"], ids=[c["text"][:24] for c in LABELLED["cases"]])
def test_privacy_short_forms_pseudonymised_words_kept(key, case):
    """Each labelled short form is inside a replaced span; each trap word survives redaction."""
    spans = name_spans(case["text"], key, "case")
    for start, end in labelled_spans(case):
        assert start >= 0 and any(s.start <= start and end <= s.end for s in spans), case["text"]
    out = redact_text(case["text"], key, "case")
    for word in case["keep"]:
        assert word in out, (case["text"], out)


def test_privacy_short_forms_precision_and_recall(key):
    """Measured on the labelled set: precision and recall of replaced spans (both 1.0 now; 0.79
    recall before short forms with clusters, แม่/พ่อ and a space after the word of address)."""
    true_positive = false_positive = false_negative = 0
    for case in LABELLED["cases"]:
        spans = name_spans(case["text"], key, "case")
        labelled = labelled_spans(case)
        found = [l for l in labelled if any(s.start <= l[0] and l[1] <= s.end for s in spans)]
        true_positive += len(found)
        false_negative += len(labelled) - len(found)
        false_positive += sum(not any(s.start < b and a < s.end for a, b in labelled) for s in spans)
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


TEXT = ROSTER + "\nที่ประชุมสรุปว่า นางสมศรี ทองดี ดูแลบัญชี ส่วนนายฮาซัน ยูโซะ ประสานงานกับเทศบาล\n"


@pytest.mark.parametrize("window", [1, 2, 3, 4, 6])
@pytest.mark.parametrize("term", ["ดูแลบัญชี", "ประสานงาน", "ประธานกลุ่มแม่บ้าน", "เหรัญญิก"])
def test_privacy_kwic_cut_never_leaks_a_surname(key, window, term):
    """With the key, a context never starts or ends inside a name: no first name or surname left."""
    rows = kwic({"d": TEXT}, term, window=window, key=key)
    assert not rows.empty
    for row in rows.itertuples():
        context = f"{row.left} {row.match} {row.right}"
        assert not any(part in context for part in FIRST_AND_LAST), context


def test_privacy_kwic_without_key_shows_the_leak_it_prevents(key):
    """The cut that leaked: without the key the left context begins at the surname's last word."""
    plain = kwic({"d": TEXT}, "ดูแลบัญชี", window=1)
    left = plain.iloc[0]["left"].strip()
    assert left and left in "ทองดี"  # a piece of the surname alone: what redact-after-cut missed
    assert redact_text(left, key) == left  # and redacting the piece afterwards cannot find it
    assert kwic({"d": TEXT}, "ดูแลบัญชี", window=1, key=key).iloc[0]["left"].strip().startswith("บุคคล-")


def test_privacy_redact_frame_covers_kwic_columns(key):
    frame = pd.DataFrame({"doc_id": ["d"], "left": ["ก๊ะมะห์ เล่าว่า"], "match": ["กองทุน"], "right": ["พี่สมศรี ดูแล"]})
    out = redact_frame(frame, key)
    assert "มะห์" not in out.loc[0, "left"] and "สมศรี" not in out.loc[0, "right"]


QUOTES = ["พี่สมศรีเล่าว่ากลุ่มเริ่มออมเงิน", "ก๊ะ มะห์ ช่วยทำบัญชีกองทุน", "บังฮาซันขับรถพาสมาชิกไปดูงาน",
          "=HYPERLINK(\"http://example.invalid\",\"คลิก\")", "+ลุงชาตรีปลูกผัก", "@อำไพ ดูแลผู้ป่วย"]


@pytest.fixture(scope="module")
def exported_project(tmp_path_factory):
    """A corpus whose roster names everyone in full, with codings quoting their short forms."""
    from synthesis.corpus import open_store

    home = tmp_path_factory.mktemp("privacy")
    body = "\n".join(QUOTES)
    corpus = write_corpus(home / "corpus", {"ประชุม.txt": ROSTER + "\n\n" + body + "\n"})
    ingest_quietly(corpus, home / "work")
    store = open_store(home / "work")
    docs = store.documents(columns=["doc_id", "path", "text", "sha256"])
    doc = docs[docs["path"] == "ประชุม.txt"].iloc[0]
    lessons = home / "lessons"
    (lessons / "codings").mkdir(parents=True)
    shutil.copy(ROOT / "lessons" / "codebook.yaml", lessons / "codebook.yaml")
    codings = []
    for number, quote in enumerate(QUOTES):
        start = doc["text"].index(quote)
        codings.append(new_coding(doc["doc_id"], start, start + len(quote), quote, doc["sha256"],
                                  "obstacle.income", "coder_a", memo=f"บันทึก {quote}"))
    CodingStore(lessons).add(*codings)
    return home


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_privacy_export_table_redacts_short_forms_and_formulas(exported_project, cli, suffix):
    """`export table --redact`: no short form, first name or surname; no cell starting a formula."""
    home = exported_project
    out = home / f"codings-{suffix}.{suffix}"
    result = cli("export", "table", "codings", out, "--work", home / "work", "--lessons", home / "lessons",
                 "--redact", "--key", home / "keys" / "hostile.json")
    assert result.status == 0, result.err
    if suffix == "csv":
        frame = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    else:
        frame = pd.read_excel(out, sheet_name="codings", dtype=str).fillna("")
    cells = [str(v) for v in frame.to_numpy().ravel()]
    for word in FIRST_AND_LAST + ["มะห์"]:
        assert not any(word in cell for cell in cells), word
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    salt = __import__("json").loads((home / "keys" / "hostile.json").read_text(encoding="utf-8"))["salt"]
    assert salt.encode() not in out.read_bytes()  # the key never travels with an export
