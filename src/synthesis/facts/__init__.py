"""Facts a mentor can sign: indicators (baseline, target, values over time), participants per
activity, people and organisations, each traceable to its sentence, document and date.

The public DataFrame functions the reports call:

- :func:`synthesis.facts.indicators.indicator_table` and ``indicator_evidence``
- :func:`synthesis.facts.participants.participants_by_activity` and ``regional_participation``
- :func:`synthesis.facts.people.people_table`
- :func:`synthesis.facts.organisations.organisations_table`
"""
