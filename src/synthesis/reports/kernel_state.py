"""Inside a reused report kernel: put it back as a fresh kernel would be, between two reports.

``synthesis.reports.kernel.WarmKernel`` imports this module once in each kernel it starts
(which takes the snapshot) and calls :func:`restore` before every notebook. Imported modules
stay loaded (that is the point of reusing the kernel); everything a notebook can change
without meaning to leave it for the next one goes back:

- the user's namespace, ``In``/``Out`` history and the execution counter (``reset``);
- open matplotlib figures and ``rcParams`` (back to matplotlib's rc file);
- pandas display options (back to their defaults);
- warning filters, the root logger's level and handlers, IPython event callbacks;
- the working directory, ``os.environ`` and ``sys.path``;
- objects left in reference cycles are collected.

Caches that check their inputs' fingerprints (``synthesis.reports.inputs``) stay too, and
so do the garbage collector's raised thresholds (:data:`REPORT_GC_THRESHOLD`), set once when
the kernel starts.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import warnings

import synthesis  # noqa: F401  (its environment variables belong to the snapshot)


def _take_snapshot() -> dict:
    root = logging.getLogger()
    shell = _shell()
    return {
        "cwd": os.getcwd(),
        "environ": dict(os.environ),
        "sys_path": list(sys.path),
        "warning_filters": list(warnings.filters),
        "log_level": root.level,
        "log_handlers": list(root.handlers),
        "callbacks": ({event: list(funcs) for event, funcs in shell.events.callbacks.items()}
                      if shell is not None else {}),
    }


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


SNAPSHOT = _take_snapshot()

# A report allocates many small objects (records, DataFrames) and leaves few cycles: with
# Python's default thresholds the collector ran about 700 times per run, 20 of them over the
# whole young heap (6 % of the reports' time). Between two notebooks :func:`restore` collects
# everything anyway; during one, the collector waits for far more allocations.
REPORT_GC_THRESHOLD = (20000, 50, 100)
gc.set_threshold(*REPORT_GC_THRESHOLD)


def restore() -> None:
    """Undo what the previous notebook did to this kernel (see the module's docstring).

    Called as the only statement of a silent execution, so it leaves nothing behind either.
    """
    snapshot = SNAPSHOT
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if "matplotlib" in sys.modules:
            sys.modules["matplotlib"].rc_file_defaults()
        if "pandas" in sys.modules:
            sys.modules["pandas"].reset_option("all")
    warnings.filters[:] = snapshot["warning_filters"]
    warnings._filters_mutated()  # type: ignore[attr-defined]  (drops the per-module caches)
    root = logging.getLogger()
    root.setLevel(snapshot["log_level"])
    root.handlers[:] = snapshot["log_handlers"]
    os.chdir(snapshot["cwd"])
    os.environ.clear()
    os.environ.update(snapshot["environ"])
    sys.path[:] = snapshot["sys_path"]
    shell = _shell()
    if shell is not None:
        for event, funcs in shell.events.callbacks.items():
            funcs[:] = snapshot["callbacks"].get(event, [])
        shell.reset(new_session=True)  # namespace, history, execution count back to 1
    # Free what the last notebook left in reference cycles, then set everything still alive
    # (modules, their caches) aside: Python's collector no longer walks it, so this call and
    # every collection during the next notebook look at that notebook's objects only.
    gc.collect()
    gc.freeze()
