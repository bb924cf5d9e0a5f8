"""The Thai text layer: pure functions from strings to spans (no file I/O).

``analyze`` (normalize → tokenize → segment → entities, POS on demand) is the one call most
code needs; the steps are importable on their own. Keywords live in
``synthesis.thai.keywords`` (it imports pandas, so it is not loaded here).

>>> from synthesis.thai import analyze
>>> doc = analyze("กลุ่มจักสานกระจูด ตำบลโคกเคียน")
>>> [t.text for t in doc.tokens]
['กลุ่มจักสานกระจูด', ' ', 'ตำบล', 'โคกเคียน']
"""

from synthesis.thai.normalize import Change, Normalized, normalize, normalize_text
from synthesis.thai.pipeline import analyze
from synthesis.thai.pos import pos_tag
from synthesis.thai.segment import segment
from synthesis.thai.spans import ENTITY_LABELS, SEGMENT_KINDS, Entity, Segment, ThaiDoc, Token
from synthesis.thai.tokenize import TOKENIZER_VERSION, tokenize, versions, words

__all__ = [
    "ENTITY_LABELS",
    "SEGMENT_KINDS",
    "TOKENIZER_VERSION",
    "Change",
    "Entity",
    "Normalized",
    "Segment",
    "ThaiDoc",
    "Token",
    "analyze",
    "normalize",
    "normalize_text",
    "pos_tag",
    "segment",
    "tokenize",
    "versions",
    "words",
]
