"""PDF of a report by printing its HTML with headless Chromium (Thai intact).

The LaTeX route drops Thai silently, so we do not offer it. Without Chromium we say so.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# Without the networking flags Chromium keeps trying to reach Google on this closed network.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
)


class PdfUnavailable(RuntimeError):
    """No headless browser to print with."""


def find_browser() -> str | None:
    """Path of a Chromium-family browser, or None.

    >>> find_browser() is None or find_browser().startswith("/")
    True
    """
    for name in BROWSER_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html_path: Path, pdf_path: Path, *, timeout: float = 120) -> Path:
    browser = find_browser()
    if browser is None:
        raise PdfUnavailable(
            "PDF needs headless Chromium, which is not installed "
            "(Debian: apt-get install chromium). The HTML reports are complete without it."
        )
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                   f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not pdf_path.is_file():
        raise RuntimeError(f"Chromium could not print {html_path}: {done.stderr.strip()[-400:]}")
    return pdf_path
