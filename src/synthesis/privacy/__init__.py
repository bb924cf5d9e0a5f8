"""Privacy: stable pseudonyms for people named in the texts, with the key kept outside the project.

>>> from synthesis.privacy import PseudonymKey, redact_text
>>> key = PseudonymKey.new("demo", salt="22" * 16)
>>> redact_text("นางอำไพ แก้วมณี", key) == key.pseudonym_for("อำไพ แก้วมณี")
True
"""

from synthesis.privacy.pseudonyms import (
    KeyLocationError,
    PseudonymKey,
    build_key,
    default_key_path,
    load_key,
    load_or_create_key,
    save_key,
)
from synthesis.privacy.redact import redact_frame, redact_text

__all__ = [
    "KeyLocationError",
    "PseudonymKey",
    "build_key",
    "default_key_path",
    "load_key",
    "load_or_create_key",
    "redact_frame",
    "redact_text",
    "save_key",
]
