"""Qualitative coding: codebook, auto-coding rules, codings store, re-anchoring, agreement, suggestions.

>>> from synthesis.coding import load_codebook, CodingStore, reanchor, auto_code, agreement
"""

from synthesis.coding.agreement import (
    agreement,
    cohen_kappa,
    disagreements,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
    units_from_segments,
)
from synthesis.coding.anchor import AnchorResult, reanchor
from synthesis.coding.codebook import (
    Code,
    Codebook,
    CodebookError,
    Rule,
    load_codebook,
    parse_codebook,
    save_codebook,
)
from synthesis.coding.codings import Coding, CodingStore, Problem, new_coding
from synthesis.coding.reconcile import reconcile
from synthesis.coding.rules import auto_code

__all__ = [
    "AnchorResult", "Code", "Codebook", "CodebookError", "Coding", "CodingStore", "Problem", "Rule",
    "agreement", "auto_code", "cohen_kappa", "disagreements", "fleiss_kappa", "krippendorff_alpha",
    "load_codebook", "new_coding", "parse_codebook", "percent_agreement", "reanchor", "reconcile",
    "save_codebook", "units_from_segments",
]
