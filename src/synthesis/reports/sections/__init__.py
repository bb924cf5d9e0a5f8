"""The sections of the reports, as pure functions of a ``ReportContext``, one module per part
of a report (documents, people, facts, codes, quotes, card, words, methods, collection-wide).

Each returns a DataFrame, a Figure or an escaped HTML fragment that the notebook displays; none
reads files other than through the store and ``lessons/``, so a report costs what its own
area's rows cost. Notebooks call them as ``sections.<name>``: this package re-exports them.

What several sections of one report read (the area's tokens, entities and segments) is read
once per report (:func:`area_table`); what every report of a run reads (codings, codebook,
the code × area shares) once per kernel, while its files are unchanged
(``synthesis.reports.inputs``).

>>> from synthesis.reports import sections
>>> sections.KIND_NAMES["interview"]
'สัมภาษณ์ถอดบทเรียน (interview)'
"""

from synthesis.reports.sections.card import *  # noqa: F401,F403
from synthesis.reports.sections.codes import *  # noqa: F401,F403
from synthesis.reports.sections.collection import *  # noqa: F401,F403
from synthesis.reports.sections.common import *  # noqa: F401,F403
from synthesis.reports.sections.documents import *  # noqa: F401,F403
from synthesis.reports.sections.facts import *  # noqa: F401,F403
from synthesis.reports.sections.matrix import *  # noqa: F401,F403
from synthesis.reports.sections.machine import *  # noqa: F401,F403
from synthesis.reports.sections.methods import *  # noqa: F401,F403
from synthesis.reports.sections.people import *  # noqa: F401,F403
from synthesis.reports.sections.quotes import *  # noqa: F401,F403
from synthesis.reports.sections.words import *  # noqa: F401,F403
