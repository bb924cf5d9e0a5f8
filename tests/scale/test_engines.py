"""Batches and engines: every engine writes the same store; batches stay bounded."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from synthesis.cli import main
from synthesis.corpus import ingest
from synthesis.corpus.areas import load_areas
from synthesis.corpus.batches import BatchJob, plan_batches, run_batch
from synthesis.corpus.parallel import ordered
from synthesis.corpus.store import DOC_TABLES

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("sizes, max_files, max_bytes, expected", [
    ([10] * 5, 2, 1000, [2, 2, 1]),
    ([10, 10, 990, 20], 10, 1000, [2, 1, 1]),  # a large file closes the batch before it
    ([5000, 10], 10, 1000, [1, 1]),  # a file larger than the budget is a batch of its own
    ([], 4, 1000, []),
])
def test_batches_plan_is_bounded_by_files_and_bytes(sizes, max_files, max_bytes, expected):
    files = [f"รายงาน-{i}.txt" for i in range(len(sizes))]
    batches = plan_batches(files, sizes, max_files, max_bytes)
    assert [len(b) for b in batches] == expected
    assert [f for b in batches for f in b] == files  # order kept, nothing lost


def test_batches_run_batch_reports_each_file(two_area_corpus, tmp_path):
    files = sorted(p.relative_to(two_area_corpus).as_posix() for p in two_area_corpus.rglob("*.txt"))[:3]
    (two_area_corpus / "ว่าง.txt").write_bytes(b"")
    areas = load_areas()
    job = BatchJob(str(two_area_corpus), "south", areas, [*files, "ว่าง.txt"],
                   known=[files[1]])
    result = run_batch(job)
    assert [o.status for o in result.outcomes] == ["added", "changed", "added", "failed"]
    assert result.outcomes[3].error == "file is empty"
    assert result.tables["documents"].num_rows == 3
    assert set(result.tables["tokens"]["part"].to_pylist()) <= {"satun-na-thon/2021", "satun-na-thon/2023"}
    again = run_batch(BatchJob(str(two_area_corpus), "south", areas, files[:1],
                               previous={files[0]: result.outcomes[0].entry}))
    assert [o.status for o in again.outcomes] == ["unchanged"] and again.tables["documents"].num_rows == 0


@pytest.mark.parametrize("visible", [True, False])
def test_batches_run_batch_writes_spill_files_where_it_can(two_area_corpus, tmp_path, visible):
    files = sorted(p.relative_to(two_area_corpus).as_posix() for p in two_area_corpus.rglob("*.txt"))[:2]
    spill_dir = tmp_path / ("spill" if visible else "not-on-this-worker")
    if visible:
        spill_dir.mkdir()
    result = run_batch(BatchJob(str(two_area_corpus), "south", load_areas(), files,
                                spill_dir=str(spill_dir), number=7))
    if not visible:  # a worker without the shared folder sends its rows back instead
        assert result.tables["documents"].num_rows == 2 and not result.spilled
        return
    assert not result.tables and set(result.spilled) == set(DOC_TABLES)
    spill = result.spilled["tokens"]
    assert spill.path.endswith("0000007.tokens.arrow") and spill.parts == ("satun-na-thon/2021",)
    assert pa.ipc.open_file(spill.path).read_all().num_rows == spill.rows > 0
    counts = result.term_counts
    assert counts["count"].to_pylist() and sum(counts["count"].to_pylist()) == spill.rows
    assert "จักสาน" in "".join(counts["text"].to_pylist())


def test_parallel_ordered_keeps_order_and_a_bounded_window():
    submitted, results = [], []

    def submit(job):
        submitted.append(job)
        return job

    def result(job):
        results.append(job)
        assert len(submitted) - len(results) < 3  # never more than the window ahead
        return job * 10

    assert list(ordered(submit, result, iter(range(7)), window=3)) == [0, 10, 20, 30, 40, 50, 60]


def _tables(work: Path) -> dict:
    return {name: pq.read_table(work / f"{name}.parquet") for name in DOC_TABLES}


def _assert_same_store(first: Path, second: Path) -> None:
    a, b = _tables(first), _tables(second)
    for name in DOC_TABLES:
        assert a[name].num_rows > 0, name
        assert a[name].equals(b[name]), name  # same rows, same values, same order


@pytest.mark.slow
def test_parallel_jobs_2_writes_the_same_store(two_area_corpus, tmp_path):
    one = ingest(two_area_corpus, work_dir=tmp_path / "one", progress=False, batch_files=2)
    two = ingest(two_area_corpus, work_dir=tmp_path / "two", progress=False, jobs=2, batch_files=2)
    assert one.added == two.added and len(two.added) == 8
    _assert_same_store(tmp_path / "one", tmp_path / "two")


@pytest.mark.slow
@pytest.mark.parametrize("start", ["fork", "spawn"])  # forked: the default on Linux; spawned: elsewhere
def test_dask_local_cluster_two_workers_writes_the_same_store(two_area_corpus, tmp_path, monkeypatch, start):
    pytest.importorskip("distributed")
    (two_area_corpus / "เสีย.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    local = ingest(two_area_corpus, work_dir=tmp_path / "local", progress=False, batch_files=3)
    monkeypatch.setenv("SYNTHESIS_DASK_START", start)
    dask = ingest(two_area_corpus, work_dir=tmp_path / "dask", progress=False, batch_files=3,
                  engine="dask", jobs=2)
    assert dask.added == local.added and dask.failed == local.failed and len(dask.failed) == 1
    _assert_same_store(tmp_path / "local", tmp_path / "dask")


@pytest.mark.parametrize("args, message", [
    (["--jobs", "0"], "--jobs must be 1 or more"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
])
def test_commands_ingest_scale_options_are_checked(two_area_corpus, tmp_path, capsys, args, message):
    assert main(["ingest", str(two_area_corpus), "--work", str(tmp_path / "w"), "--quiet", *args]) == 2
    assert message in capsys.readouterr().err


def test_ingest_unknown_engine_is_a_clear_error(two_area_corpus, tmp_path):
    with pytest.raises(ValueError, match="unknown engine 'spark'.*dask, local"):
        ingest(two_area_corpus, work_dir=tmp_path / "w", engine="spark")


def _make_archive_module():
    spec = importlib.util.spec_from_file_location("make_archive", ROOT / "bench" / "make_archive.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_make_archive_is_deterministic_and_parses(tmp_path):
    from synthesis.corpus import parse_document

    make_archive = _make_archive_module()
    first = make_archive.make_archive(tmp_path / "a", 16, seed=5)
    second = make_archive.make_archive(tmp_path / "b", 16, seed=5)
    other = make_archive.make_archive(tmp_path / "c", 16, seed=6)
    texts = [p.read_text(encoding="utf-8") for p in first]
    assert texts == [p.read_text(encoding="utf-8") for p in second]
    assert texts != [p.read_text(encoding="utf-8") for p in other]
    for path, text in zip(first, texts):
        parsed = parse_document(text, path=str(path))
        area, year = path.parts[-3], path.parts[-2]
        assert parsed.date and parsed.date[:4] == year, path  # the date written is the one parsed
        assert area in {"yala-bala", "satun-na-thon", "narathiwat-khok-khian", "pattani-nong-chik",
                        "phatthalung-town", "songkhla-khae", "trang-huai-yot"}


def test_make_archive_held_area_stays_the_same_as_the_archive_grows(tmp_path):
    make_archive = _make_archive_module()
    small = make_archive.make_archive(tmp_path / "small", 14, seed=3)
    large = make_archive.make_archive(tmp_path / "large", 40, seed=3, hold_area="yala-bala", hold_after=14)
    rel = lambda paths, root: {p.relative_to(root): p.read_text(encoding="utf-8") for p in paths}  # noqa: E731
    small_files, large_files = rel(small, tmp_path / "small"), rel(large, tmp_path / "large")
    assert small_files.items() <= large_files.items()  # the small archive is inside the large one
    held = lambda files: sorted(p for p in files if p.parts[0] == "yala-bala")  # noqa: E731
    assert held(large_files) == held(small_files) and held(small_files)


@pytest.mark.parametrize("setting, expected", [("spawn", "spawn"), ("fork", "fork"), ("ไม่รู้จัก", None)])
def test_dask_engine_start_method_follows_the_setting(monkeypatch, setting, expected):
    dask_engine = pytest.importorskip("synthesis.corpus.dask_engine")
    monkeypatch.setenv("SYNTHESIS_DASK_START", setting)
    default = "fork" if sys.platform.startswith("linux") else "spawn"
    assert dask_engine.start_method() == (expected or default)


def test_dask_engine_falls_back_to_spawned_workers(monkeypatch):
    dask_engine = pytest.importorskip("synthesis.corpus.dask_engine")
    monkeypatch.setenv("SYNTHESIS_DASK_START", "fork")
    tried = []

    def start_cluster(workers, method, **options):
        tried.append((method, options.get("death_timeout")))
        if method == "fork":
            raise TimeoutError("Nanny failed to start in 30 s")
        return f"{workers} {method} workers"

    monkeypatch.setattr(dask_engine, "start_cluster", start_cluster)
    assert dask_engine.local_cluster(2) == "2 spawn workers"
    assert tried == [("fork", dask_engine.FORK_START_SECONDS), ("spawn", None)]
