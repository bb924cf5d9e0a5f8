"""An embedding variant of the framework matrix's extractive summaries (issue 18): central,
non-redundant sentences by cosine similarity, to compare with the TF-IDF/word rule of
:mod:`synthesis.findings.summaries` (``bench/summary_compare.py``).

The same candidates as the rule (its :func:`~synthesis.findings.summaries.sentence_candidates`:
lead markers and speaker labels removed, fragments dropped, always substrings of a coded
segment), so only the choice differs:

1. every candidate, one per coding that holds it, is embedded by a semantic backend (``tfidf``
   fitted on the cell's candidates, or ``e5``);
2. a sentence's **centrality** is its mean cosine to the cell's other candidates (a sentence
   three coders coded counts three times, so agreement still weighs);
3. sentences are taken by maximal marginal relevance: ``LAMBDA`` × centrality − (1 − ``LAMBDA``)
   × the highest cosine to a sentence already taken; one at ``DUPLICATE_COSINE[backend]`` or
   more of a taken one is the same finding and is skipped; stop at ``MAX_SENTENCES`` sentences or
   ``MAX_CHARS`` characters, or when the best centrality left is below ``MIN_SHARE_OF_BEST``
   of the first's.

>>> import pandas as pd
>>> rows = pd.DataFrame({"coding_id": ["a1", "b1", "a2"], "doc_id": ["d1", "d1", "d2"],
...     "coder": ["coder_a", "coder_b", "coder_a"],
...     "quote": ["สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน", "สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน",
...               "เยาวชนร่วมปลูกป่าชายเลนริมคลอง"]})
>>> [(s.text, s.coding_ids) for s in central_summary(rows)][0]
('สหกรณ์หักเงินสมทบจากค่ายางทุกเดือน', ['a1', 'b1'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synthesis.findings.summaries import MAX_CHARS, MAX_SENTENCES, NOT_CODERS, SummarySentence, sentence_candidates
from synthesis.semantic.backends import Backend, get_backend

LAMBDA = 0.7
# The same finding, by backend: e5's cosines of unrelated Thai sentences are already high (its
# space is anisotropic), so a restatement sits near 1; 0.96 was the best of 0.88–0.98 on the
# labelled cells (tuned there: no held-out cells; see bench/summary_compare.py).
DUPLICATE_COSINE = {"tfidf": 0.8, "e5": 0.96}
DEFAULT_DUPLICATE_COSINE = 0.8
MIN_SHARE_OF_BEST = 0.3


def _tokens(text: str) -> list[str]:
    from synthesis.thai.tokenize import words

    found = list(words(text))
    return found + [f"{a}_{b}" for a, b in zip(found, found[1:])]


def _vectors(texts: list[str], backend: str | Backend) -> np.ndarray:
    engine = get_backend(backend) if isinstance(backend, str) else backend
    tokens = [_tokens(t) for t in texts]
    if hasattr(engine, "fit"):
        engine.fit(tokens)  # TF-IDF learns the cell's own vocabulary
    return engine.encode(texts, tokens)


def central_summary(segments: pd.DataFrame, backend: str | Backend = "tfidf", max_sentences: int = MAX_SENTENCES,
                    max_chars: int = MAX_CHARS) -> list[SummarySentence]:
    """The summary sentences of coded segments (columns ``coding_id, doc_id, coder, quote``)
    chosen by centrality and non-redundancy (module docstring), best first."""
    if segments is None or len(segments) == 0:
        return []
    instances = []  # (text, coding_id, doc_id, coder)
    quotes: dict[str, str] = {}
    for coding_id, doc_id, coder, quote in zip(segments["coding_id"], segments["doc_id"], segments["coder"],
                                               segments["quote"]):
        quotes[coding_id] = str(quote)
        instances.extend((" ".join(s.split()), coding_id, doc_id, coder) for s in sentence_candidates(str(quote)))
    if not instances:
        return []
    texts = sorted({i[0] for i in instances})
    weight = np.array([sum(1 for i in instances if i[0] == t) for t in texts], dtype=float)
    vectors = _vectors(texts, backend)
    name = backend if isinstance(backend, str) else getattr(backend, "name", "")
    duplicate = DUPLICATE_COSINE.get(name, DEFAULT_DUPLICATE_COSINE)
    similarity = vectors @ vectors.T
    total = weight.sum()
    # mean cosine to every other candidate instance (its own copies count with cosine 1)
    centrality = (similarity @ weight - 1.0) / (total - 1.0) if total > 1 else np.ones(len(texts))
    chosen: list[int] = []
    used = 0
    left = set(range(len(texts)))
    while left and len(chosen) < max_sentences:
        def gain(i: int) -> float:
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            return LAMBDA * centrality[i] - (1 - LAMBDA) * redundancy

        best = max(sorted(left), key=gain)
        left.discard(best)
        if chosen and max(similarity[best, j] for j in chosen) >= duplicate:
            continue
        if chosen and centrality[best] < MIN_SHARE_OF_BEST * centrality[chosen[0]]:
            break
        if chosen and used + len(texts[best]) > max_chars:
            continue
        chosen.append(best)
        used += len(texts[best])
    result = []
    for index in chosen:
        text = texts[index]
        own = [i for i in instances if i[0] == text]
        ids = sorted(cid for cid, quote in quotes.items() if text in " ".join(quote.split()))
        close = sorted({i[1] for i in instances if similarity[index, texts.index(i[0])] >= duplicate})
        result.append(SummarySentence(text, ids, sorted(set(ids) | set(close)), len({i[2] for i in own}),
                                      len({i[3] for i in own} - NOT_CODERS), any(i[3] == "consensus" for i in own),
                                      round(float(centrality[index]), 4)))
    return result
