"""Where the project's folders are: lessons/, corpora/, work/, reports/, notebooks/.

The project root is the nearest folder, from the current directory upwards, that holds
``lessons/areas.yaml``; failing that, the source checkout this package was installed from.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def project_root(start: Path | None = None) -> Path:
    """The project folder that commands read and write by default.

    ``SYNTHESIS_HOME`` overrides the search.

    >>> (project_root() / "lessons").name
    'lessons'
    """
    if os.environ.get("SYNTHESIS_HOME"):
        return Path(os.environ["SYNTHESIS_HOME"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "lessons" / "areas.yaml").is_file():
            return folder
    return _SOURCE_ROOT


def lessons_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "lessons"


def collection_lessons_dir(collection: str, root: Path | None = None) -> Path:
    """The lessons a collection owns (cards, matrix summaries): ``lessons/collections/<collection>/``.

    >>> collection_lessons_dir("demo", Path("/p")).as_posix()
    '/p/lessons/collections/demo'
    """
    return lessons_dir(root) / "collections" / safe_name(collection)


def notebooks_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "notebooks"


def work_dir(collection: str, root: Path | None = None) -> Path:
    """Store of one collection: ``work/<collection>/``."""
    return (root or project_root()) / "work" / safe_name(collection)


def reports_dir(collection: str, root: Path | None = None) -> Path:
    """Reports of one collection: ``reports/<collection>/``."""
    return (root or project_root()) / "reports" / safe_name(collection)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    """A file-name-safe ASCII version of a user-supplied name; never empty, never ``..``.

    >>> safe_name("../etc/passwd")
    'etc-passwd'
    >>> safe_name("songkhla-khae")
    'songkhla-khae'
    """
    cleaned = _UNSAFE.sub("-", name).strip("-.")
    if not cleaned:
        raise ValueError(f"{name!r} gives an empty file name")
    return cleaned
