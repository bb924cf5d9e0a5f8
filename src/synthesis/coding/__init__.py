"""Qualitative coding: codebook, auto-coding rules, codings store, re-anchoring, agreement, suggestions."""
