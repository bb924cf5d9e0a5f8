"""Moved to :mod:`synthesis.findings.cards`; this re-export keeps old imports working.

>>> from synthesis.analysis.cards import CARD_SECTIONS
>>> "obstacles" in CARD_SECTIONS
True
"""

from synthesis.findings.cards.model import *  # noqa: F401,F403
from synthesis.findings.cards.model import __all__  # noqa: F401
