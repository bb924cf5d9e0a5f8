"""Machine coders are coders: their codings are audited like a person's.

A machine coder has its own name (``machine.<engine>``, e.g. ``machine.e5``) and its own
codings file; it can add to that file only, never to a person's, and never changes or deletes
a person's coding. Every automatic coding, every suggestion a person accepts or rejects and
every draft asked of a language model leaves one line in
``lessons/machine/<coder>.provenance.jsonl`` (written through :mod:`synthesis.lessons_io`:
locked, re-read, atomic): the engine, its version, the hash of its weights or rules, its
parameters, the hash of the text it read and the time.

>>> machine_coder("e5")
'machine.e5'
>>> is_machine_coder("coder_a"), is_machine_coder("machine.e5")
(False, True)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from synthesis.coding.codings import Coding, CodingStore, check_coder_name, now_iso
from synthesis.lessons_io import read_text, update_text

PREFIX = "machine."
ACTIONS = ("coded", "accepted", "rejected", "drafted")
MACHINE_ORIGIN = "rule"  # an automatic coding: never read as a person's (see coding.suggest.HUMAN_ORIGINS)


def machine_coder(engine: str) -> str:
    """The coder name of an engine's codings."""
    return check_coder_name(f"{PREFIX}{engine}")


def is_machine_coder(coder: str) -> bool:
    return coder.startswith(PREFIX)


def text_sha256(text: str) -> str:
    """Hash of the text a machine read (so a changed text shows in the audit).

    >>> text_sha256("ยาง") == hashlib.sha256("ยาง".encode("utf-8")).hexdigest()
    True
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ProvenanceRecord:
    """One machine action: what, on which text, by which engine with which settings."""

    coder: str
    action: str
    engine: str
    version: str
    weights_sha256: str
    parameters: dict
    input_sha256: str
    time: str
    doc_id: str = ""
    start: int = -1
    end: int = -1
    code_id: str = ""
    coding_id: str = ""
    score: float | None = None
    decided_by: str = ""  # the person who accepted or rejected
    extra: dict = field(default_factory=dict)  # an LLM's prompt, model and output

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


def provenance_path(lessons: str | Path, coder: str) -> Path:
    """``lessons/machine/<coder>.provenance.jsonl``."""
    return Path(lessons) / "machine" / f"{check_coder_name(coder)}.provenance.jsonl"


def record(identity: dict, coder: str, action: str, text: str, **fields) -> ProvenanceRecord:
    """A record of ``action`` by the engine ``identity`` (a backend's :meth:`identity`)."""
    if action not in ACTIONS:
        raise ValueError(f"provenance action {action!r} is not one of {', '.join(ACTIONS)}")
    return ProvenanceRecord(coder=coder, action=action, engine=identity["engine"], version=identity["version"],
                            weights_sha256=identity["weights_sha256"],
                            parameters={**identity.get("parameters", {}), **fields.pop("parameters", {})},
                            input_sha256=text_sha256(text), time=now_iso(), **fields)


def append_provenance(lessons: str | Path, records: Sequence[ProvenanceRecord]) -> None:
    """Append records to their coder's provenance file (lines already there stay byte for byte)."""
    by_coder: dict[str, list[ProvenanceRecord]] = {}
    for item in records:
        by_coder.setdefault(item.coder, []).append(item)
    for coder, items in by_coder.items():
        lines = "".join(item.to_json() + "\n" for item in items)

        def add(current: str, lines: str = lines) -> str:
            if current and not current.endswith("\n"):
                current += "\n"
            return current + lines

        update_text(provenance_path(lessons, coder), add)


def read_provenance(lessons: str | Path, coder: str) -> tuple[list[dict], list[str]]:
    """The records of one machine coder, and problems (``<file>:<line>: …``) for bad lines."""
    path = provenance_path(lessons, coder)
    records, problems = [], []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or "action" not in item:
                raise ValueError("not a provenance record")
            records.append(item)
        except ValueError as error:
            problems.append(f"{path}:{number}: {error}")
    return records, problems


def add_machine_codings(store: CodingStore, coder: str, codings: Iterable[Coding], identity: dict,
                        texts: dict[str, str], parameters: dict | None = None) -> list[Coding]:
    """Write a machine coder's codings to its own file, with one provenance record each.

    Refuses (``PermissionError``) a coder name that is not a machine's and a coding filed
    under another coder; ids already in the store (a person's included) are refused by the
    store itself. ``texts`` maps a doc_id to the text the machine read (hashed in the record).
    """
    if not is_machine_coder(coder):
        raise PermissionError(f"{coder!r} is not a machine coder name (machine.<engine>): "
                              "machine codings never go into a person's file")
    codings = list(codings)
    for coding in codings:
        if coding.coder != coder:
            raise PermissionError(f"coding {coding.coding_id} is filed under {coding.coder!r}, "
                                  f"not the machine coder {coder!r}")
        if coding.origin != MACHINE_ORIGIN:
            raise ValueError(f"coding {coding.coding_id}: a machine coding's origin is {MACHINE_ORIGIN!r}")
    added = store.add(*codings)
    append_provenance(store.lessons_dir, [
        record(identity, coder, "coded", texts.get(c.doc_id, c.quote), doc_id=c.doc_id, start=c.start, end=c.end,
               code_id=c.code_id, coding_id=c.coding_id, parameters=parameters or {}) for c in added])
    return added


def replace_machine_codings(store: CodingStore, coder: str, codings: Iterable[Coding]) -> int:
    """Replace every coding of a machine coder (a re-run); a person's name is refused."""
    if not is_machine_coder(coder):
        raise PermissionError(f"{coder!r} is a person's coder name: a machine never replaces a person's codings")
    codings = list(codings)
    if any(c.coder != coder for c in codings):
        raise PermissionError(f"codings filed under other coders cannot replace {coder!r}'s")
    return store.replace_coder(coder, codings)


def remove_machine_coding(store: CodingStore, coding_id: str) -> Coding:
    """Remove one machine coding; a person's coding is refused before anything is written."""
    owner = next((c for c in store.load() if c.coding_id == coding_id), None)
    if owner is None:
        raise KeyError(f"no coding {coding_id}")
    if not is_machine_coder(owner.coder):
        raise PermissionError(f"coding {coding_id} is {owner.coder!r}'s: a machine never deletes a person's coding")
    return store.remove(coding_id)


def log_decision(lessons: str | Path, machine: str, accepted: bool, person: str, identity: dict,
                 doc_id: str, start: int, end: int, code_id: str, text: str, score: float | None = None,
                 coding_id: str = "", parameters: dict | None = None) -> ProvenanceRecord:
    """Log a person's accept or reject of a machine suggestion (the panel calls this).

    An accepted suggestion becomes the person's coding (origin ``suggestion-accepted``, written
    by the panel as today); this records which engine proposed it and with what score.
    """
    check_coder_name(person)
    item = record(identity, machine, "accepted" if accepted else "rejected", text, doc_id=doc_id, start=start,
                  end=end, code_id=code_id, coding_id=coding_id, score=score, decided_by=person,
                  parameters=parameters or {})
    append_provenance(lessons, [item])
    return item


def suggestion_model_identity(model) -> dict:
    """The identity of today's suggestion model (``synthesis.coding.suggest.SuggestionModel``):
    a hash of its vocabulary and every classifier's weights, for :func:`log_decision`.

    >>> # log_decision(lessons, "machine.tfidf-lr", True, "coder_a", suggestion_model_identity(model), …)
    """
    import numpy as np
    import sklearn

    digest = hashlib.sha256()
    vocabulary = getattr(model.vectorizer, "vocabulary_", {})
    digest.update(json.dumps(sorted(vocabulary.items()), ensure_ascii=False).encode())
    for code in model.codes:
        classifier = model.classifiers[code]
        digest.update(code.encode())
        digest.update(np.ascontiguousarray(classifier.coef_, dtype=np.float64).tobytes())
        digest.update(np.ascontiguousarray(classifier.intercept_, dtype=np.float64).tobytes())
    return {"engine": "tfidf-lr (synthesis.coding.suggest)", "version": f"scikit-learn {sklearn.__version__}",
            "weights_sha256": digest.hexdigest(), "parameters": {"codes": len(model.codes), "examples": model.examples}}


def rules_identity(codebook) -> dict:
    """The identity of the codebook's auto-coding rules (coder ``rules``): a hash of every
    code's rules, so a changed rule shows in the audit."""
    rules = {code.id: [rule.to_dict() for rule in code.rules] for code in codebook if code.rules}
    text = json.dumps(rules, ensure_ascii=False, sort_keys=True)
    return {"engine": "codebook rules (synthesis.coding.rules)", "version": str(getattr(codebook, "version", "")),
            "weights_sha256": hashlib.sha256(text.encode()).hexdigest(), "parameters": {"codes_with_rules": len(rules)}}
