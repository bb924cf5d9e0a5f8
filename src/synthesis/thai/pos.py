"""Part-of-speech tags from PyThaiNLP's bundled perceptron taggers, on demand only.

Tagging is pure Python and far slower than tokenizing (see ``bench/thai_throughput.py``), so
``analyze`` tags only when asked (``analyze(text, pos=True)``); callers that need tags for a
few segments tag just those tokens.

Engines (``POS_ENGINES``) are the perceptron models that ship inside PyThaiNLP's wheel:
``orchid_ud`` (Universal Dependencies tags, the default), ``orchid`` (the ORCHID tag set),
``pud``, ``tdtb`` and ``tud`` (UD tags). Whitespace tokens get ``SPACE`` and are not shown to
the tagger, since the models were trained on text without them.

>>> from synthesis.thai import tokenize
>>> [(t.text, t.pos) for t in pos_tag(tokenize("แรงงานนอกระบบ ได้รับสิทธิ"))]
[('แรงงานนอกระบบ', 'NOUN'), (' ', 'SPACE'), ('ได้รับ', 'VERB'), ('สิทธิ', 'NOUN')]
"""

from __future__ import annotations

from dataclasses import replace

from synthesis.thai.spans import Token

POS_ENGINES = ("orchid_ud", "orchid", "pud", "tdtb", "tud")
SPACE_TAG = "SPACE"


def pos_tag(tokens: list[Token], engine: str = "orchid_ud") -> list[Token]:
    """Copies of ``tokens`` with ``.pos`` set; offsets and texts unchanged.

    Raises ``ValueError`` for an engine that is not bundled (``lst20``, ``blackboard`` … need
    a download, which the workbench never does).
    """
    if engine not in POS_ENGINES:
        raise ValueError(f"unknown POS engine {engine!r}; bundled ones: {', '.join(POS_ENGINES)}")
    from pythainlp.tag import pos_tag as pythainlp_pos_tag

    words = [token.text for token in tokens if not token.is_space]
    tags = iter(tag for _word, tag in pythainlp_pos_tag(words, corpus=engine)) if words else iter(())
    return [
        replace(token, pos=SPACE_TAG if token.is_space else (next(tags, None) or "X"))
        for token in tokens
    ]
