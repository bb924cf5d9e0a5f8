"""Synthesis: the framework matrix, lesson cards (drafted, evidenced, graded, flagged),
coverage, gaps and contradictions, for one collection at a time.

Every function takes plain inputs (codings, the store's tables, the codebook, the areas, a
collection name) and returns DataFrames or dataclasses; reports render them.
"""
