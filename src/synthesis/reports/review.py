"""The academic's review copy: for each section, the code that produced it, the parameters in
effect and the data it read.

A report notebook calls :func:`start` once (after ``load_context``) and :func:`section` in a
cell tagged ``review`` after each part of the report. ``section`` shows, collapsed:

- the source of every ``synthesis`` function the part's cells called, and of the
  ``synthesis`` functions those call (``inspect.getsource``), with the commit that ran
  (``git rev-parse HEAD``; a working tree with changes under ``src/`` is said to differ);
- the parameters in effect (paths relative to the project);
- what the part read: store tables and lessons files, with their selection and row counts.

Cells tagged ``review`` are left out of the researchers' report and kept in ``review.html``
(the review copy shows only the parameters that ran: ``synthesis.reports.render.for_readers``).

>>> names = called_names("show(sections.documents_table(ctx))\\nx = notebook.setup()")
>>> sorted(names)
['notebook.setup', 'sections.documents_table', 'show']
"""

from __future__ import annotations

import ast
import functools
import inspect
import subprocess
from typing import Any, Callable

from synthesis.reports import html_safe as h

REVIEW_TAG = "review"
# the review cells are dropped from report.html as template notes are (see reports.render)
REVIEW_TAGS = ["review", "template-note"]
MAX_DEPTH = 2


def called_names(code: str) -> set[str]:
    """The dotted names called in ``code`` (``sections.quotes_html``, ``show``); code that
    does not parse gives none."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            dotted = _dotted(node.func)
            if dotted:
                names.add(dotted)
    return names


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _resolve(dotted: str, namespace: dict[str, Any]) -> Any:
    first, *rest = dotted.split(".")
    value = namespace.get(first)
    for part in rest:
        value = getattr(value, part, None)
    return value


def _is_ours(value: Any) -> bool:
    return (inspect.isfunction(value) or inspect.isclass(value)) and \
        (getattr(value, "__module__", "") or "").startswith("synthesis.")


def _local_imports(function: Callable, tree: ast.AST) -> dict[str, Any]:
    """Names a function imports in its body (``from synthesis.x import y``), resolved."""
    import importlib

    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("synthesis"):
            try:
                module = importlib.import_module(node.module)
            except ImportError:
                continue
            for alias in node.names:
                found[alias.asname or alias.name] = getattr(module, alias.name, None)
    return found


def functions_called(code: str, namespace: dict[str, Any], depth: int = MAX_DEPTH) -> list[Callable]:
    """The ``synthesis`` functions ``code`` calls (resolved in ``namespace``) and, down to
    ``depth`` levels, the ``synthesis`` functions they call; in reading order (outer call first), each once.

    >>> from synthesis.reports import html_safe
    >>> [f.__name__ for f in functions_called("html_safe.details('a', 'b')", {"html_safe": html_safe}, 2)]
    ['details', 'tag']
    """
    seen: dict[Any, None] = {}
    frontier = [value for value in (_resolve(n, namespace) for n in _ordered_calls(code)) if _is_ours(value)]
    for level in range(depth):
        following = []
        for function in frontier:
            if function in seen:
                continue
            seen[function] = None
            if level + 1 >= depth or not inspect.isfunction(function):
                continue
            following += _callees(function)
        frontier = following
    return list(seen)


@functools.lru_cache(maxsize=None)
def _source(function: Callable) -> str | None:
    """``inspect.getsource`` of a function or class, read once per kernel (every review block
    of every report a kernel runs shows the same functions); None when it has no source."""
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return None


@functools.lru_cache(maxsize=None)
def _callees(function: Callable) -> tuple:
    """The ``synthesis`` functions and classes ``function``'s body calls, in reading order;
    the call graph is walked once per kernel."""
    source = _source(function)
    if source is None:
        return ()
    try:
        tree = ast.parse(_dedented(source))
    except SyntaxError:
        return ()
    scope = {**function.__globals__, **_local_imports(function, tree)}
    return tuple(v for v in (_resolve(n, scope) for n in _ordered_calls(tree)) if _is_ours(v))


def _ordered_calls(code) -> list[str]:
    tree = ast.parse(code) if isinstance(code, str) else code
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    calls.sort(key=lambda node: (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)))
    return [name for name in (_dotted(node.func) for node in calls) if name]


def _dedented(source: str) -> str:
    import textwrap

    return textwrap.dedent(source)


@functools.lru_cache(maxsize=1)
def commit() -> str:
    """The commit that runs (``git rev-parse HEAD``) and whether ``src/`` differs from it;
    asked once per process (a report kernel lives for one run of ``synthesis report``)."""
    from synthesis.paths import project_root

    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project_root(), capture_output=True,
                              text=True, timeout=5).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=project_root(),
                               capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "— (git not available)"
    if not head:
        return "— (not a git checkout)"
    return head + (" (ไฟล์ใน src/ ต่างจาก commit นี้: uncommitted changes under src/)" if dirty else "")


# --------------------------------------------------------------- in the notebook

def start(context) -> None:
    """Follow the cells the notebook runs from now on (an IPython ``pre_run_cell`` hook),
    so each :func:`section` knows which cells it covers; outside IPython nothing is followed
    and sections list what they are given."""
    context.extras.setdefault("review_cells", [])
    context.extras.setdefault("review_marks", {"cells": 0, "reads": 0})
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def remember(info) -> None:
        context.extras["review_cells"].append(info.raw_cell)

    shell.events.register("pre_run_cell", remember)
    context.extras["review_commit"] = commit()


def section_html(context, code: str, namespace: dict[str, Any], reads: list[tuple]) -> h.Safe:
    """The review block of one part: its code's functions (source, collapsible), the
    parameters in effect and what it read."""
    from synthesis.reports.sections.methods import effective_parameters

    functions = functions_called(code, namespace)
    sources = []
    for function in functions:
        source = _source(function)
        if source is None:
            continue
        where = f"{function.__module__}.{function.__qualname__}"
        sources.append(h.details(h.tag("code", where), h.tag("pre", h.tag("code", source))))
    parameters = effective_parameters(context)
    read_rows = [h.tag("li", what, " — ", selection, f" — {rows} แถว (rows)") for what, selection, rows in reads]
    commit_line = context.extras.get("review_commit") or commit()
    return h.details(
        "ตรวจทาน: โค้ด พารามิเตอร์ และข้อมูลของส่วนนี้ (review: code, parameters and data of this part)",
        h.tag("p", h.tag("b", "commit: "), h.tag("code", commit_line)),
        h.tag("p", h.tag("b", "พารามิเตอร์ที่ใช้ (parameters in effect): "),
              h.join([h.tag("code", f"{k} = {v!r}") for k, v in parameters.items()], " · ")),
        h.tag("p", h.tag("b", "ข้อมูลที่อ่าน (data read): ")),
        h.tag("ul", *read_rows) if read_rows else h.tag("p", h.tag("i", "ไม่ได้อ่านข้อมูลใหม่ (nothing new read: "
                                                                     "tables read by an earlier part are reused)")),
        h.tag("p", h.tag("b", f"ฟังก์ชันที่เรียก {len(sources)} ฟังก์ชัน (functions called, with their source): ")),
        *sources,
        cls="review",
    )


def section(context) -> None:
    """Show the review block of the cells run since the previous call (in a notebook)."""
    from IPython import get_ipython

    marks = context.extras.setdefault("review_marks", {"cells": 0, "reads": 0})
    cells = context.extras.get("review_cells", [])
    reads = context.extras.get("reads", [])
    # the last cell is this one: it calls review.section, nothing to show of itself
    code = "\n".join(c for c in cells[marks["cells"]:-1] if "review.section" not in c)
    shell = get_ipython()
    namespace = dict(shell.user_ns) if shell is not None else {}
    h.display(section_html(context, code, namespace, reads[marks["reads"]:]))
    marks["cells"], marks["reads"] = len(cells), len(reads)
