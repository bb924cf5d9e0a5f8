"""Keep every third-party library offline and its data inside the project.

Imported first by ``synthesis/__init__.py``, before PyThaiNLP or any Hugging Face code can
read its environment. PyThaiNLP downloads corpora on demand and the Hub client retries for
minutes when the network is closed; the workbench must never do either at run time.
"""

from __future__ import annotations

import os
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def pythainlp_data_dir() -> Path:
    """Project-local PyThaiNLP data folder: ``<checkout>/work/pythainlp-data``.

    Outside a source checkout (a wheel install) it falls back to the user's cache.

    >>> pythainlp_data_dir().name
    'pythainlp-data'
    """
    if (_SOURCE_ROOT / "pyproject.toml").is_file():
        return _SOURCE_ROOT / "work" / "pythainlp-data"
    return Path.home() / ".cache" / "synthesis" / "pythainlp-data"


def apply() -> None:
    """Set the offline switches unless the user has set them already."""
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if "PYTHAINLP_DATA" not in os.environ:
        data = pythainlp_data_dir()
        data.mkdir(parents=True, exist_ok=True)
        os.environ["PYTHAINLP_DATA"] = str(data)


apply()
