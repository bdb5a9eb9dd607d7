"""Reading the release source folder: every file below it, safely.

Symlinks are never followed out of the folder, files over the size cap are hashed as a stream but never held in
memory, and unreadable files become rejections instead of errors, so one bad file never stops a run.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipelines.errors import UserFacingError

MAX_RELEASE_BYTES = 5_000_000
_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    """One file of the source folder: its bytes, or why they were not read."""

    source_uri: str  # path relative to the source folder, with "/" separators
    size_bytes: int
    content_sha256: str | None
    data: bytes | None  # None when not read (see `problem`)
    problem: str | None  # rejection reason decided before decoding


def _hash_stream(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read(path: Path, uri: str, root: Path, max_bytes: int) -> SourceFile:
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return SourceFile(uri, 0, None, None, "symlink pointing outside the source folder: not read")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return SourceFile(uri, size, _hash_stream(path), None, f"too large: {size} bytes > {max_bytes}")
        data = path.read_bytes()
    except OSError as error:
        return SourceFile(uri, 0, None, None, f"unreadable: {error.strerror or error}")
    return SourceFile(uri, len(data), hashlib.sha256(data).hexdigest(), data, None)


def open_source_folder(folder: Path) -> Path:
    """The source folder, resolved, after checking that it is a folder this user can list; else the fix."""
    setting = f"RELEASES_SOURCE_DIR={folder}"
    point_it = "set RELEASES_SOURCE_DIR to the folder that holds your .txt/.html/.json releases (default: sources/samples)"
    if not folder.exists():
        raise UserFacingError(f"{setting} does not exist", f"{point_it}, or create it and put the releases in it")
    if not folder.is_dir():
        raise UserFacingError(f"{setting} is a file, not a folder", point_it)
    try:
        with os.scandir(folder) as entries:
            next(entries, None)
    except OSError as error:
        raise UserFacingError(
            f"{setting} cannot be read ({error.strerror or error})",
            f"give this user read access (chmod -R u+rX {folder}) or {point_it}",
        ) from error
    return folder.resolve()


def count_files(root: Path) -> int:
    """How many files the scan will visit: the total for progress logs (a listing, nothing is read)."""
    return sum(1 for _ in _files_below(root.resolve()))


def scan_source_folder(root: Path, max_bytes: int = MAX_RELEASE_BYTES) -> Iterator[SourceFile]:
    """Every regular file below `root` in a stable (sorted) order; folders reached by symlink are not entered. A
    folder that cannot be listed is one rejected input (`<folder>/`): whatever it holds is never silently missing."""
    root = root.resolve()
    for uri, path, problem in _files_below(root):
        if problem:
            yield SourceFile(uri, 0, None, None, problem)
        elif path.is_file() or path.is_symlink():
            yield _read(path, uri, root, max_bytes)


def _files_below(root: Path) -> Iterator[tuple[str, Path, str | None]]:
    """(uri, path, None) for every file below `root`, sorted, and ("<folder>/", path, why) for a folder that cannot
    be listed."""
    unlisted: list[OSError] = []

    def flush() -> Iterator[tuple[str, Path, str | None]]:
        while unlisted:
            error = unlisted.pop(0)
            path = Path(error.filename)
            why = f"unreadable folder: {error.strerror or error}; the files in it were not read"
            yield path.relative_to(root).as_posix() + "/", path, why

    for folder, subfolders, files in os.walk(root, onerror=unlisted.append, followlinks=False):
        yield from flush()  # os.walk reports a folder it cannot list when it tries to enter it
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            yield path.relative_to(root).as_posix(), path, None
    yield from flush()


def listing_digest(root: Path) -> str:
    """A cheap fingerprint of the folder (paths, sizes, modification times): changes when a file appears or changes."""
    digest = hashlib.sha256()
    for uri, path, _ in _files_below(root.resolve()):
        try:
            stat = path.lstat()
        except OSError:
            continue
        digest.update(f"{uri}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def content_digest(root: Path) -> str:
    """A fingerprint of what the folder holds (paths and content hashes): equal for a mere `touch`."""
    digest = hashlib.sha256()
    root = root.resolve()
    for uri, path, problem in _files_below(root):
        if problem:
            content = "unreadable"
        elif path.is_symlink() and not path.resolve().is_relative_to(root):
            content = "outside"
        else:
            try:
                content = _hash_stream(path)
            except OSError:
                content = "unreadable"
        digest.update(f"{uri}\0{content}\n".encode())
    return digest.hexdigest()
