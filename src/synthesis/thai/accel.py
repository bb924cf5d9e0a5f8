"""Compiled accelerators of the Thai layer, and the switch back to pure Python.

Some rules run once per token, gap or candidate: in pure Python they cost more than the word
segmenter itself. Their hot loops also exist as small Cython modules
(``src/synthesis/thai/_fast_*.pyx``, built by ``pip install``, see ``setup.py``). The
pure-Python code stays the reference: every compiled function is tested to give exactly what
its Python twin gives (on the demo corpus and on random Thai-and-Latin strings).

``compiled(name)`` is how a module asks for its accelerator. It returns ``None`` (use the
Python path) when the extension is not built (no C compiler on the machine: ``setup.py``
then installs without it) or when the environment sets ``SYNTHESIS_PURE_PYTHON=1`` (tests
and benchmarks compare both paths that way).

>>> compiled("no_such_module") is None
True
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

PURE_PYTHON_VARIABLE = "SYNTHESIS_PURE_PYTHON"


def pure_python() -> bool:
    """True when ``SYNTHESIS_PURE_PYTHON`` asks for the Python code paths only.

    >>> pure_python() in (True, False)
    True
    """
    return os.environ.get(PURE_PYTHON_VARIABLE, "").strip() not in ("", "0")


def compiled(name: str) -> ModuleType | None:
    """``synthesis.thai._fast_<name>`` if it is built and allowed, else ``None``.

    >>> compiled("no_such_module") is None
    True
    """
    if pure_python():
        return None
    try:
        return importlib.import_module(f"synthesis.thai._fast_{name}")
    except ImportError:
        return None
