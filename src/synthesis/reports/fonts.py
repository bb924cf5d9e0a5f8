"""Thai fonts for charts and HTML reports, without root: the pip package Noto Sans Thai.

Without a Thai font matplotlib draws boxes and warns into the report; Debian's fonts need
root. ``fontpkg-noto-sans-thai`` ships the font inside a wheel, so ``pip`` alone suffices.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

THAI_FONT_FAMILY = "Noto Sans Thai"
# Latin glyphs fall back to DejaVu Sans (matplotlib falls back glyph by glyph).
CHART_FONT_FAMILIES = [THAI_FONT_FAMILY, "DejaVu Sans"]
CSS_FONT_STACK = f'"{THAI_FONT_FAMILY}", "Sarabun", "Loma", "Garuda", "Tahoma", sans-serif'


def use_thai_font() -> str:
    """Register Noto Sans Thai with matplotlib and make it the default; returns its family.

    >>> use_thai_font()
    'Noto Sans Thai'
    """
    import matplotlib

    _register_thai_font()
    matplotlib.rcParams["font.family"] = CHART_FONT_FAMILIES
    matplotlib.rcParams["axes.unicode_minus"] = False
    return THAI_FONT_FAMILY


@functools.cache
def _register_thai_font() -> None:
    """Add the font to matplotlib's font manager, once per process: every call of
    ``fontpkg``'s ``use`` parses the font file again and appends it to the font list."""
    from fontpkg.mpl import use

    use("noto-sans-thai", set_default=True)


@functools.cache
def thai_font_file() -> Path:
    """The TTF file of Noto Sans Thai shipped by ``fontpkg-noto-sans-thai``."""
    import fontpkg_noto_sans_thai

    folder = Path(fontpkg_noto_sans_thai.__file__).parent
    fonts = sorted(folder.rglob("*.ttf"))
    if not fonts:
        raise FileNotFoundError(f"no .ttf file in {folder}: reinstall fontpkg-noto-sans-thai")
    return fonts[0]


@functools.cache
def font_face_css() -> str:
    """An ``@font-face`` rule embedding the font, so a report shows Thai on any machine
    (and headless Chromium prints it to PDF) without a system Thai font."""
    data = base64.b64encode(thai_font_file().read_bytes()).decode("ascii")
    return (
        "@font-face { font-family: '" + THAI_FONT_FAMILY + "'; "
        "src: url(data:font/ttf;base64," + data + ") format('truetype'); "
        "font-weight: 100 900; }"
    )
