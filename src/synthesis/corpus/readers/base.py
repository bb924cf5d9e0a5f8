"""What every reader returns (:class:`RawText`) and raises (:class:`ReadError`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


class ReadError(Exception):
    """A file that could not be read; ``str()`` gives ``<path>: <reason>``."""

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class RawText:
    """The text of a file before normalization, with what the reader learned on the way.

    ``metadata`` holds front matter (``areas:``, ``title:`` …) read from the top of a
    ``.md``/``.txt`` file; it is removed from ``text``.
    """

    text: str
    format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


# Limits of every reader (environment variables, read at each call so tests and runs can set
# them): a file over a limit is reported with the limit's name, never read whole.
DEFAULT_MAX_TEXT_MB = 10  # characters of text a file may yield, in millions of 2**20
DEFAULT_MAX_EXPANDED_MB = 50  # bytes a .docx (a zip) may inflate to
DEFAULT_MAX_PDF_PAGES = 2000


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def max_text_chars() -> int:
    """Most characters of text one file may yield (``SYNTHESIS_MAX_TEXT_MB``, default 10).

    >>> max_text_chars() > 0
    True
    """
    return int(_env_number("SYNTHESIS_MAX_TEXT_MB", DEFAULT_MAX_TEXT_MB) * 1024 * 1024)


def max_expanded_bytes() -> int:
    """Most bytes the parts of a ``.docx`` may inflate to (``SYNTHESIS_MAX_EXPANDED_MB``, default 50)."""
    return int(_env_number("SYNTHESIS_MAX_EXPANDED_MB", DEFAULT_MAX_EXPANDED_MB) * 1024 * 1024)


def max_pdf_pages() -> int:
    """Most pages read from one PDF (``SYNTHESIS_MAX_PDF_PAGES``, default 2000)."""
    return int(_env_number("SYNTHESIS_MAX_PDF_PAGES", DEFAULT_MAX_PDF_PAGES))
