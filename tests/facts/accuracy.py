"""Precision and recall of the fact readers on the labelled sets in ``tests/data/``.

Run as a script to print the numbers the report quotes:
``.venv/bin/python tests/facts/accuracy.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
ROLES = ("target", "baseline", "result")


def subject_ok(gold: str, found: str) -> bool:
    """The found subject holds every content word of the labelled one, and at most two more."""
    from synthesis.facts.subjects import content_words

    mine, theirs = content_words(gold), content_words(found)
    return bool(mine) and mine <= theirs and len(theirs - mine) <= 2


def indicator_scores(name: str = "statements.yaml") -> dict[str, tuple[float, float]]:
    """P/R of value, role and subject over the labelled statements."""
    from synthesis.facts.statements import read_statements

    cases = yaml.safe_load((DATA / "indicators" / name).read_text(encoding="utf-8"))["cases"]
    counts = {k: Counter() for k in ("value", "role", "subject")}
    for case in cases:
        found = [s for s in read_statements(case["text"], "2022-01-01") if s.role in ROLES]
        gold = [g for g in case["expect"] if g["role"] in ROLES]
        for key in counts:
            counts[key]["found"] += len(found)
            counts[key]["gold"] += len(gold)
        for kind, same in (("value", lambda g, s: g["value"] == s.value),
                           ("role", lambda g, s: g["value"] == s.value and g["role"] == s.role),
                           ("subject", lambda g, s: g["value"] == s.value and g["role"] == s.role
                            and subject_ok(g["subject"], s.subject))):
            left = list(found)
            for g in gold:
                hit = next((s for s in left if same(g, s)), None)
                if hit is not None:
                    left.remove(hit)
                    counts[kind]["hit"] += 1
    return {k: (c["hit"] / c["found"], c["hit"] / c["gold"]) for k, c in counts.items()}


if __name__ == "__main__":
    for name, (p, r) in indicator_scores().items():
        print(f"indicators {name:8} precision {p:.3f} recall {r:.3f}")


def attribution_cases(name: str = "documents.yaml") -> list[dict]:
    return yaml.safe_load((DATA / "attribution" / name).read_text(encoding="utf-8"))["documents"]


def attribute_text(text: str, doc_id: str = "t") -> list:
    """The attributions of a text as ingest makes them (a built document, the pilot areas)."""
    from synthesis.corpus.areas import attribute, load_areas
    from synthesis.corpus.document import build_document
    from synthesis.corpus.readers import RawText, split_front_matter

    meta, body, _ = split_front_matter(text)
    doc = build_document("labelled", f"{doc_id}.txt", RawText(body, "txt", metadata=meta))
    return attribute(doc, load_areas())


def attribution_scores(name: str = "documents.yaml") -> tuple[float, float, list[str]]:
    """Precision and recall of (document, area) memberships, and the misses."""
    from synthesis.corpus.areas import member_areas

    hit = found_n = gold_n = 0
    misses = []
    for case in attribution_cases(name):
        found = set(member_areas(attribute_text(case["text"], case["id"])))
        gold = set(case["expect"])
        hit += len(found & gold)
        found_n += len(found)
        gold_n += len(gold)
        if found != gold:
            misses.append(f"{case['id']}: found {sorted(found)} expected {sorted(gold)}")
    return hit / found_n, hit / gold_n, misses


if __name__ == "__main__":
    p, r, misses = attribution_scores()
    print(f"attribution precision {p:.3f} recall {r:.3f} ({len(attribution_cases())} documents)")
    for miss in misses:
        print("  ", miss)


def _bare_role(role: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", " ".join(role.split()))


def people_scores(name: str = "people.yaml") -> dict[str, tuple[float, float]]:
    """P/R of persons (one row per real person), of their roles, of user-name links and of
    organisations over the labelled cases."""
    import pandas as pd

    from synthesis.facts.organisations import organisations_table
    from synthesis.facts.people import people_table

    cases = yaml.safe_load((DATA / "people" / name).read_text(encoding="utf-8"))["cases"]
    c = {k: Counter() for k in ("person", "role", "user_name", "organisation")}
    for n, case in enumerate(cases):
        docs = pd.DataFrame({"doc_id": [f"c{n}"], "text": [case["text"]]})
        found = people_table(docs)
        found = found[~found["person"].str.match(r"^[a-z]")]  # an unlinked user name is no person
        gold = {p["name"]: p["role"] for p in case["people"]}
        names = set(found["person"])
        c["person"].update(found=len(names), gold=len(gold), hit=len(names & set(gold)))
        for row in found.itertuples(index=False):
            roles = {_bare_role(r) for r in row.roles if not r.startswith("ผู้รายงาน")}
            if row.person not in gold:
                continue
            want = gold[row.person]
            if roles:
                c["role"]["found"] += 1
            if want:
                c["role"]["gold"] += 1
            if want and want in roles:
                c["role"]["hit"] += 1
        for user, person in (case.get("user_names") or {}).items():
            c["user_name"]["gold"] += 1
            linked = found[found["user_names"].map(lambda users: user in users)]
            if not linked.empty:
                c["user_name"]["found"] += 1
                c["user_name"]["hit"] += int(linked.iloc[0]["person"] == person)
        orgs = set(organisations_table(docs)["organisation"])
        want_orgs = set(case["organisations"])
        c["organisation"].update(found=len(orgs), gold=len(want_orgs), hit=len(orgs & want_orgs))
    return {k: (v["hit"] / v["found"] if v["found"] else 1.0, v["hit"] / v["gold"] if v["gold"] else 1.0)
            for k, v in c.items()}


if __name__ == "__main__":
    for name, (p, r) in people_scores().items():
        print(f"people {name:12} precision {p:.3f} recall {r:.3f}")


def heldout_scores() -> dict[str, object]:
    """The same measures on the held-out sets (``heldout.yaml``), written after the rules."""
    return {"indicators": indicator_scores("heldout.yaml"), "attribution": attribution_scores("heldout.yaml"),
            "people": people_scores("heldout.yaml")}


if __name__ == "__main__":
    print("held-out sets:")
    scores = heldout_scores()
    for name, (p, r) in scores["indicators"].items():
        print(f"indicators {name:8} precision {p:.3f} recall {r:.3f}")
    p, r, misses = scores["attribution"]
    print(f"attribution precision {p:.3f} recall {r:.3f}")
    for miss in misses:
        print("  ", miss)
    for name, (p, r) in scores["people"].items():
        print(f"people {name:12} precision {p:.3f} recall {r:.3f}")
