"""synthesis: a Jupyter workbench for lesson-learned synthesis from Thai-language texts."""

from synthesis import _offline  # noqa: F401  (must run before PyThaiNLP is imported)

__version__ = "0.1.0"
