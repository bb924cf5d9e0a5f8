"""Machine coders compared with each human coder, code by code.

On the units of the documents the person coded (elsewhere their silence says nothing), each
code is a yes/no per unit for both: Cohen's κ, and the machine's precision and recall taking
the person as the reference. The reports (H3) show this table.

>>> from synthesis.coding.codings import new_coding
>>> import pandas as pd
>>> units = pd.DataFrame({"doc_id": ["d"] * 4, "start": [0, 10, 20, 30], "end": [10, 20, 30, 40]})
>>> person = [new_coding("d", 0, 5, "ก", "", "fund", "coder_a"), new_coding("d", 12, 15, "ข", "", "fund", "coder_a")]
>>> machine = [new_coding("d", 1, 4, "ก", "", "fund", "machine.e5", origin="rule"),
...            new_coding("d", 31, 35, "ค", "", "fund", "machine.e5", origin="rule")]
>>> row = machine_vs_humans(person + machine, units).iloc[0]
>>> row["machine"], row["human"], row["code_id"], float(row["precision"]), float(row["recall"])
('machine.e5', 'coder_a', 'fund', 0.5, 0.5)
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from synthesis.coding.agreement import cohen_kappa, unit_codes
from synthesis.coding.codings import Coding
from synthesis.semantic.provenance import is_machine_coder

COLUMNS = ["machine", "human", "code_id", "kappa", "precision", "recall", "both", "machine_only",
           "human_only", "units"]


def machine_vs_humans(codings: Iterable[Coding], units: pd.DataFrame, machines: Sequence[str] | None = None,
                      humans: Sequence[str] | None = None) -> pd.DataFrame:
    """Per machine coder, human coder and code: κ, precision, recall and the counts.

    ``machines`` defaults to every ``machine.*`` coder (and ``rules``), ``humans`` to the rest.
    """
    codings = [c for c in codings if not c.orphaned]
    coders = sorted({c.coder for c in codings})
    machines = list(machines) if machines is not None else [c for c in coders if is_machine_coder(c) or c == "rules"]
    humans = list(humans) if humans is not None else [c for c in coders if c not in machines]
    applied = unit_codes(codings, units)
    rows = []
    for human in humans:
        coded_docs = {c.doc_id for c in codings if c.coder == human}
        chosen = units.index[units["doc_id"].isin(coded_docs)].tolist()
        if not chosen:
            continue
        for machine in machines:
            codes = sorted({code for (i, coder), cs in applied.items() if coder in (human, machine) and i in set(chosen)
                            for code in cs})
            for code in codes:
                h = np.array([code in applied.get((i, human), ()) for i in chosen])
                m = np.array([code in applied.get((i, machine), ()) for i in chosen])
                both, m_only, h_only = int((h & m).sum()), int((m & ~h).sum()), int((h & ~m).sum())
                rows.append({"machine": machine, "human": human, "code_id": code,
                             "kappa": cohen_kappa(list(h), list(m)),
                             "precision": both / (both + m_only) if both + m_only else float("nan"),
                             "recall": both / (both + h_only) if both + h_only else float("nan"),
                             "both": both, "machine_only": m_only, "human_only": h_only, "units": len(chosen)})
    return pd.DataFrame(rows, columns=COLUMNS)
