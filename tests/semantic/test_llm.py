"""The optional local LLM assistant, against a stub OpenAI-compatible server on 127.0.0.1
that records what it receives: no real name may reach it."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from synthesis.privacy.pseudonyms import PseudonymKey
from synthesis.semantic import llm
from synthesis.semantic.provenance import read_provenance

# our own passages in the layouts of interviews and activity reports, with the forms real
# pages use: a titled full name, the first name alone later, a speaker legend, a nickname title
PASSAGES = [
    "นางสาวสุดารัตน์ ทองคำ ประธานกลุ่มแม่บ้าน เล่าว่าราคายางตกจนสมาชิกต้องกู้เงินนอกระบบ "
    "คุณสุดารัตน์บอกว่ากองทุนช่วยได้มาก",
    "ผู้ให้ข้อมูล: นายอับดุลเลาะ มะแซ (อ.) ผู้ใหญ่บ้าน\nอ.: ตอนนี้คนในหมู่บ้านออมเงินกันทุกเดือน",
    "ก๊ะรอกีเยาะ สาแม แม่ค้าขายข้าวยำ บอกว่าได้เงินทุนไปซื้อรถเข็น",
]
REAL_NAMES = ["สุดารัตน์", "ทองคำ", "อับดุลเลาะ", "มะแซ", "รอกีเยาะ", "สาแม"]


class Recorder(BaseHTTPRequestHandler):
    received: list[dict] = []
    reply = "ประเด็นที่ 1: กองทุนช่วยลดหนี้นอกระบบ [1]"

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Recorder.received.append({"path": self.path, "body": json.loads(body)})
        answer = json.dumps({"model": "stub-7b", "choices": [{"message": {"role": "assistant",
                                                                          "content": Recorder.reply}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, *args):
        pass


@pytest.fixture()
def stub_server(monkeypatch):
    Recorder.received = []
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("SYNTHESIS_LLM_URL", f"http://127.0.0.1:{server.server_address[1]}/v1")
    monkeypatch.setenv("SYNTHESIS_LLM_MODEL", "stub-7b")
    yield Recorder
    server.shutdown()
    server.server_close()


@pytest.fixture()
def key():
    return PseudonymKey.new("test", "00" * 16)


@pytest.mark.parametrize("task", sorted(llm.TASKS))
def test_llm_no_real_name_reaches_the_server(stub_server, key, lessons_copy, task):
    result = llm.draft(task, PASSAGES, key=key, lessons=lessons_copy)
    assert result is not None and result.text == Recorder.reply and result.model == "stub-7b"
    assert len(stub_server.received) == 1 and stub_server.received[0]["path"] == "/v1/chat/completions"
    sent = json.dumps(stub_server.received[0]["body"], ensure_ascii=False)
    for name in REAL_NAMES:
        assert name not in sent, f"{name} reached the server"
    assert "บุคคล-" in sent and "ราคายางตก" in sent  # pseudonyms in place, the content still there


def test_llm_prompt_model_and_output_are_kept_as_provenance(stub_server, key, lessons_copy):
    llm.draft("cell-summary", PASSAGES, key=key, lessons=lessons_copy)
    records, problems = read_provenance(lessons_copy, "machine.llm")
    assert problems == [] and len(records) == 1
    rec = records[0]
    assert rec["action"] == "drafted" and rec["engine"] == "openai-compatible:stub-7b"
    assert rec["extra"]["output"] == Recorder.reply and rec["extra"]["model"] == "stub-7b"
    assert rec["extra"]["prompt"] == stub_server.received[0]["body"]["messages"]
    assert not any(name in json.dumps(rec, ensure_ascii=False) for name in REAL_NAMES)


def test_llm_without_an_endpoint_nothing_is_sent_or_written(monkeypatch, key, lessons_copy):
    monkeypatch.delenv("SYNTHESIS_LLM_URL", raising=False)
    assert llm.draft("cell-summary", PASSAGES, key=key, lessons=lessons_copy) is None
    assert not (lessons_copy / "machine").exists()


@pytest.mark.parametrize("url", ["https://api.example.com/v1", "http://10.1.2.3:8080/v1", "ftp://127.0.0.1/"])
def test_llm_a_server_elsewhere_is_refused(monkeypatch, key, lessons_copy, url):
    monkeypatch.setenv("SYNTHESIS_LLM_URL", url)
    with pytest.raises(llm.LLMError):
        llm.draft("cell-summary", PASSAGES, key=key, lessons=lessons_copy)
    assert not (lessons_copy / "machine").exists()


def test_llm_a_server_that_does_not_answer_is_explained(monkeypatch, key, lessons_copy):
    import socket

    with socket.socket() as probe:  # a free port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("SYNTHESIS_LLM_URL", f"http://127.0.0.1:{port}/v1")
    with pytest.raises(llm.LLMError, match="did not answer"):
        llm.draft("card-points", PASSAGES, key=key, lessons=lessons_copy, timeout=5)


def test_llm_unknown_task_is_refused():
    with pytest.raises(ValueError, match="unknown task"):
        llm.build_prompt("translate", ["ก"])
