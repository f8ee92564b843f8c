"""The real corpus: every posting materialized from ../shared analyses, and the sources agree.

Skips where ../shared is absent. Each file is analysed once per session, on every core.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from jobscan import LoadError, analyze, diff
from jobscan.model import Posting


def _analyse(path: str) -> tuple[str, Posting | str]:
    try:
        return path, analyze(Path(path))
    except LoadError as exc:
        return path, f"LoadError: {exc}"
    except Exception as exc:  # noqa: BLE001 - any crash is a finding, reported with its file
        return path, f"{type(exc).__name__}: {exc}"


@pytest.fixture(scope="module")
def analysed(corpus_dir: Path) -> dict[str, Posting | str]:
    """Relative path -> Posting, or the error it raised."""
    files = sorted(str(p) for p in corpus_dir.rglob("*") if p.is_file() and p.name != "labels.jsonl")
    assert len(files) > 4000, "materialize.py wrote fewer postings than expected"
    workers = max(1, min(4, os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = dict(pool.map(_analyse, files, chunksize=64))
    return {str(Path(path).relative_to(corpus_dir)): result for path, result in results.items()}


def _of(analysed: dict[str, Posting | str], folder: str) -> dict[str, Posting]:
    found = {k: v for k, v in analysed.items() if k.startswith(folder + "/")}
    assert found, f"no files in {folder}/"
    return {k: v for k, v in found.items() if isinstance(v, Posting)}


def test_every_file_analyses_without_error(analysed):
    errors = [f"{path}: {result}" for path, result in sorted(analysed.items()) if not isinstance(result, Posting)]
    assert errors == [], f"{len(errors)} of {len(analysed)} failed:\n" + "\n".join(errors[:20])


def test_every_posting_has_sections_in_order(analysed):
    bad = []
    for path, posting in analysed.items():
        if not isinstance(posting, Posting):
            continue
        spans = [(s.line_start, s.line_end) for s in posting.sections]
        if not posting.sections or any(a > b for a, b in spans) or [a for a, _ in spans] != sorted(a for a, _ in spans):
            bad.append(path)
    assert bad == []


def _body(posting: Posting) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """(kind, heading, items) after the title and the headless preamble."""
    sections = list(posting.sections)
    while sections and sections[0].heading is None:
        sections.pop(0)
    return [(s.kind, s.heading, tuple(s.items)) for s in sections]


def test_lever_page_and_api_record_give_the_same_sections(analysed):
    pages = _of(analysed, "lever")
    records = _of(analysed, "lever-api")
    assert len(pages) == len(records) == 19
    for name, page in sorted(pages.items()):
        record = records["lever-api/" + Path(name).stem + ".json"]
        assert _body(page), name
        assert _body(page) == _body(record), name
        assert page.meta.title == record.meta.title, name


def test_lever_page_and_api_record_differ_only_in_the_date_the_page_does_not_show(analysed):
    pages = _of(analysed, "lever")
    records = _of(analysed, "lever-api")
    for name, page in sorted(pages.items()):
        record = records["lever-api/" + Path(name).stem + ".json"]
        changes = diff(page, record)
        assert [(c.kind, c.field, c.change) for c in changes] == [("metadata", "posted", "added")], name


def test_dataatwork_postings_have_title_and_sections(analysed):
    postings = _of(analysed, "dataatwork")
    assert len(postings) == 50
    for name, posting in sorted(postings.items()):
        assert posting.meta.title, name
        assert any(s.text.strip() for s in posting.sections), name


def test_armenian_postings_have_at_least_three_sections(analysed):
    postings = _of(analysed, "armenian")
    assert len(postings) > 400
    few = {name: len(p.sections) for name, p in postings.items() if len(p.sections) < 3}
    assert few == {}


def test_seeds_analyse(analysed):
    seeds = _of(analysed, "seeds")
    assert sorted(seeds) == ["seeds/mercari-backend.txt", "seeds/pinterest-backend.txt"]
    mercari = seeds["seeds/mercari-backend.txt"]
    assert [s.heading for s in mercari.sections if s.heading][0] == "Our Mission"
    assert [s.heading for s in mercari.sections if s.heading][-1] == "About Mercari"
