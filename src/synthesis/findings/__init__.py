"""Synthesis: the framework matrix, lesson cards (drafted, evidenced, graded, flagged),
coverage, gaps and contradictions, for one collection at a time.

Every function takes plain inputs (codings, the store's tables, the codebook, the areas, a
collection name) and returns DataFrames or dataclasses; reports render them.

- :mod:`.scope` — where a collection's lessons live (``lessons/collections/<c>/``), its codings.
- :mod:`.evidence` — ``coding_details`` (every coding with source, speaker, context, coders,
  memos), ``evidence_table`` (the rows of some coding ids), ``case_areas``.
- :mod:`.summaries` — the extractive summary rule (``summarize``).
- :mod:`.matrix` — ``framework_matrix`` (long form), ``matrix_wide``, ``export_matrix``,
  ``cell_evidence``; :mod:`.matrix_edits` — edited cells (``load_edits``, ``save_edit``).
- :mod:`.cards` — the card model, ``edit_card``; :mod:`.cards.draft` (``draft_card``,
  ``save_draft``), :mod:`.cards.grade` (``grade_point``, ``code_agreement``),
  :mod:`.cards.flags` (``card_flags``, ``card_last_edited``), :mod:`.cards.review`
  (``card_points``: each point with evidence, grade and flags).
- :mod:`.coverage` — ``evidence_gaps``, ``saturation``, ``saturation_note``.
- :mod:`.contradictions` — ``contradictions`` (one area's documents disagreeing on a figure).
- :mod:`.crossarea` — ``shared_vs_specific``, ``distinctive_terms``, ``name_terms``, ``compare_cards``.
- :mod:`.numerals` — the numbers a sentence states (digits, Thai number words, spoken forms).
- :mod:`.commands` — ``synthesis cards draft|check`` and ``synthesis matrix [edit]``.
"""
