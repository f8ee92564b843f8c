"""The pipeline in one function, pure given its input, so batches can run it in any process."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from .diff import PostingDiff, diff
from .load import POSTING_EXTENSIONS, LoadError, load_path, load_text
from .meta import extract_meta
from .model import Document, Posting
from .sections import split_sections
from .seniority import extract_seniority
from .skills import extract_skills
from .vocab import Vocabulary


def analyze_document(doc: Document, vocab: Vocabulary | None = None) -> Posting:
    """Sections, facts, seniority and skills of a loaded posting (the built-in vocabulary by default)."""
    sections = split_sections(doc)
    meta = extract_meta(doc, sections)
    return Posting(
        source=doc.source,
        format=doc.format,
        meta=meta,
        sections=sections,
        skills=extract_skills(sections, vocab),
        seniority=extract_seniority(meta.title, sections),
    )


def analyze(path_or_text: str | Path, *, source: str | None = None, vocab: Vocabulary | None = None) -> Posting:
    """Analyse a posting given as a path (Path, or a str naming an existing file, or '-') or as its text.

    Raises LoadError when a file cannot be read or is not a posting.
    """
    if isinstance(path_or_text, Path) or path_or_text == "-" or _names_file(path_or_text):
        doc = load_path(path_or_text)
        if source is not None:
            doc = Document(source, doc.format, doc.blocks, doc.fields)
    else:
        doc = load_text(path_or_text, source or "<text>")
    return analyze_document(doc, vocab)


def _names_file(text: str) -> bool:
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except OSError:
        return False


def posting_files(paths: Iterable[str | Path]) -> Iterator[str | Path]:
    """Files named outright, and posting files found by walking folders (hidden ones and other extensions skipped)."""
    for path in paths:
        if str(path) == "-":
            yield "-"
            continue
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            relative = found.relative_to(path).parts
            if any(part.startswith(".") for part in relative):
                continue
            if found.is_file() and found.suffix.lower() in POSTING_EXTENSIONS and found.suffix:
                yield found


def analyze_paths(paths: Iterable[str | Path], vocab: Vocabulary | None = None) -> Iterator[Posting | LoadError]:
    """Analyse every posting under the paths, yielding a LoadError in place of each file that fails."""
    for path in posting_files(paths):
        try:
            yield analyze(path if isinstance(path, Path) else "-", vocab=vocab)
        except LoadError as exc:
            yield exc


def diff_folders(old_dir: Path, new_dir: Path, vocab: Vocabulary | None = None) -> Iterator[PostingDiff | LoadError]:
    """Postings paired by path relative to each folder, in path order: added, removed, changed or
    unchanged, with a LoadError in place of each pair one of whose files fails."""
    old_files = {found.relative_to(old_dir).as_posix(): found for found in posting_files([old_dir]) if isinstance(found, Path)}
    new_files = {found.relative_to(new_dir).as_posix(): found for found in posting_files([new_dir]) if isinstance(found, Path)}
    for relative in sorted(old_files.keys() | new_files.keys()):
        if relative not in new_files:
            yield PostingDiff(relative, "removed")
        elif relative not in old_files:
            yield PostingDiff(relative, "added")
        else:
            try:
                before, after = analyze(old_files[relative], vocab=vocab), analyze(new_files[relative], vocab=vocab)
            except LoadError as exc:
                yield exc
                continue
            changes = diff(before, after)
            yield PostingDiff(relative, "changed" if changes else "unchanged", tuple(changes), before, after)
