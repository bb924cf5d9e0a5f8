"""An optional local language-model assistant, never required.

When a user sets ``SYNTHESIS_LLM_URL`` to an OpenAI-compatible server on their own machine
(``http://127.0.0.1:11434/v1`` for Ollama, ``http://127.0.0.1:8080/v1`` for llama.cpp) and
optionally ``SYNTHESIS_LLM_MODEL``, a matrix cell summary or lesson-card points can be drafted
by it. Before any text leaves the process every person it names is replaced by their
pseudonym (:mod:`synthesis.privacy`); the prompt, model and output are kept as a provenance
record of the coder ``machine.llm``; the draft is returned as a suggestion for a person to
edit, never written into a card or matrix. Without the variable nothing is sent and
:func:`draft` returns ``None``. A server that is not on this machine is refused unless
``SYNTHESIS_LLM_ALLOW_REMOTE=1``.

>>> import os; os.environ.pop("SYNTHESIS_LLM_URL", None) and None
>>> draft("cell-summary", ["ราคายางตก"]) is None
True
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import urlparse

from synthesis.semantic.provenance import append_provenance, machine_coder, record

LLM_CODER = "machine.llm"
TASKS = {
    "cell-summary": ("สรุปสาระสำคัญของข้อความต่อไปนี้เป็นภาษาไทย 2–3 ประโยค สำหรับช่องหนึ่งของตารางสังเคราะห์บทเรียน "
                     "ใช้เฉพาะสิ่งที่ข้อความกล่าวไว้ อย่าเพิ่มข้อมูลใหม่ (Summarise in Thai, 2–3 sentences, only what the passages say)."),
    "card-points": ("ร่างประเด็นบทเรียน (ถอดบทเรียน) 3–5 ข้อ เป็นภาษาไทย จากข้อความต่อไปนี้ แต่ละข้ออ้างหมายเลขข้อความที่สนับสนุน "
                    "เช่น [2] (Draft 3–5 lesson points in Thai, each citing the passages that support it)."),
}


class LLMError(RuntimeError):
    """The endpoint could not be used; the message says which and why."""


@dataclass(frozen=True)
class Draft:
    """A suggestion from the language model (pseudonyms in place of names)."""

    task: str
    text: str
    model: str
    prompt_sha256: str


def endpoint() -> str | None:
    """The configured endpoint (``SYNTHESIS_LLM_URL``) or None."""
    url = os.environ.get("SYNTHESIS_LLM_URL", "").strip()
    return url.rstrip("/") or None


def check_local(url: str) -> None:
    """Refuse a server that is not this machine (unless ``SYNTHESIS_LLM_ALLOW_REMOTE=1``).

    >>> check_local("http://127.0.0.1:8080/v1")
    >>> try:
    ...     check_local("https://api.example.com/v1")
    ... except LLMError as error:
    ...     print(str(error)[:59])
    SYNTHESIS_LLM_URL https://api.example.com/v1 is not on this
    """
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise LLMError(f"SYNTHESIS_LLM_URL {url!r} is not an http(s) address")
    if os.environ.get("SYNTHESIS_LLM_ALLOW_REMOTE") == "1":
        return
    host = parsed.hostname
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        raise LLMError(f"SYNTHESIS_LLM_URL {url} is not on this machine; "
                       "set SYNTHESIS_LLM_ALLOW_REMOTE=1 to send pseudonymised text there")


def pseudonymise(passages: Sequence[str], key=None, collection: str | None = None) -> list[str]:
    """The passages with every person they name replaced by a pseudonym.

    ``key`` defaults to the collection's pseudonym key (kept outside the project); the names in
    the passages themselves are learnt first, so a name the key did not know is replaced too.
    """
    from synthesis.privacy.pseudonyms import learn_text, load_or_create_key
    from synthesis.privacy.redact import redact_text

    if key is None:
        key, _ = load_or_create_key(collection or "default")
    for text in passages:
        learn_text(key, text)
    return [_remaining_names(redact_text(text, key), key) for text in passages]


def _remaining_names(text: str, key) -> str:
    """A second pass for what the key did not know: the Thai layer's PERSON entities (a name
    after a title the name rules do not list, e.g. ก๊ะรอกีเยาะ), with the next word when it is
    not an ordinary Thai word (a surname), replaced by their pseudonyms."""
    from synthesis.privacy.names import is_ordinary_word
    from synthesis.privacy.pseudonyms import PREFIX
    from synthesis.thai import analyze

    doc = analyze(text)
    spans = []
    for entity in doc.entities:
        if entity.label != "PERSON" or PREFIX in entity.text:
            continue
        end = entity.end
        after = next((t for t in doc.tokens if t.start == end + 1 and text[end] == " "), None)
        if after is not None and after.text.strip() and not is_ordinary_word(after.text):
            end = after.end
        spans.append((entity.start, end))
    for start, end in sorted(spans, reverse=True):
        if PREFIX in text[start:end]:
            continue
        text = text[:start] + key.pseudonym_for(text[start:end]) + text[end:]
    return text


def build_prompt(task: str, passages: Sequence[str]) -> list[dict]:
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}")
    numbered = "\n".join(f"[{i}] {text}" for i, text in enumerate(passages, 1))
    return [{"role": "system", "content": "คุณช่วยนักวิจัยถอดบทเรียนจากเอกสารภาษาไทย ตอบเป็นภาษาไทย"},
            {"role": "user", "content": f"{TASKS[task]}\n\n{numbered}"}]


def _post(url: str, body: dict, timeout: float) -> dict:
    request = urllib.request.Request(f"{url}/chat/completions", data=json.dumps(body, ensure_ascii=False).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, socket.timeout, OSError, ValueError) as error:
        raise LLMError(f"the language model at {url} did not answer: {error}") from error


def draft(task: str, passages: Sequence[str], key=None, collection: str | None = None,
          lessons: str | Path | None = None, timeout: float = 120.0) -> Draft | None:
    """Ask the configured local model for a draft; None when no endpoint is configured.

    The provenance record (prompt, model, output) goes to
    ``lessons/machine/machine.llm.provenance.jsonl``.
    """
    url = endpoint()
    if url is None:
        return None
    check_local(url)
    safe = pseudonymise(passages, key, collection)
    messages = build_prompt(task, safe)
    model = os.environ.get("SYNTHESIS_LLM_MODEL", "local")
    answer = _post(url, {"model": model, "messages": messages, "temperature": 0}, timeout)
    try:
        text = answer["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise LLMError(f"the language model at {url} answered without choices[0].message.content") from None
    served = str(answer.get("model") or model)
    prompt_text = json.dumps(messages, ensure_ascii=False)
    identity = {"engine": f"openai-compatible:{served}", "version": str(answer.get("system_fingerprint") or ""),
                "weights_sha256": hashlib.sha256(f"{url}|{served}".encode()).hexdigest(),
                "parameters": {"temperature": 0, "task": task, "endpoint": url}}
    if lessons is None:
        from synthesis.paths import lessons_dir

        lessons = lessons_dir()
    append_provenance(lessons, [record(identity, machine_coder("llm"), "drafted", prompt_text,
                                       extra={"prompt": messages, "model": served, "output": text})])
    return Draft(task, text, served, hashlib.sha256(prompt_text.encode()).hexdigest())
