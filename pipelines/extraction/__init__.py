"""The extraction library: pure functions from release text to typed records.

The modules on the extraction and identity paths (`COMPILED_MODULES`) also exist compiled with mypyc, in
`build/native/`, built by `make` (`python -m pipelines.build_native`): the same code, about 1.7 times faster. The
compiled modules are used only when they were built from exactly the sources here (a digest of them lies beside the
build), so an edited module is never shadowed by a stale build: it runs as Python, with a warning, until the next
build. `RELEASES_PURE_PYTHON=1` turns them off. Both give the same records; `tests/extraction/test_native.py` compares
them.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

COMPILED_MODULES = ("countries", "dates", "documents", "events", "identity", "normalise", "offices", "org_patterns",
                    "organisations", "person_lexicon", "persons", "places", "records", "release", "sentences",
                    "statements", "textutil", "topics")
SOURCE_DIR = Path(__file__).resolve().parent
NATIVE_DIR = SOURCE_DIR.parents[1] / "build" / "native"
DIGEST_FILE = NATIVE_DIR / "sources.sha256"


def sources_digest() -> str:
    """What a build of the compiled modules is valid for: their sources, byte for byte, and this Python."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for name in COMPILED_MODULES:
        digest.update(name.encode())
        digest.update((SOURCE_DIR / f"{name}.py").read_bytes())
    return digest.hexdigest()


def _native_is_current() -> bool:
    if os.environ.get("RELEASES_PURE_PYTHON") == "1" or not DIGEST_FILE.exists():
        return False
    if DIGEST_FILE.read_text(encoding="utf-8").strip() == sources_digest():
        return True
    logging.getLogger(__name__).warning(
        "The compiled extraction modules in %s were built from other sources: extraction runs as plain Python "
        "(same results, slower) until `make` or `python -m pipelines.build_native` builds them again.", NATIVE_DIR)
    return False


NATIVE = _native_is_current()  # whether the compiled modules are in use
if NATIVE:
    sys.path.append(str(NATIVE_DIR))  # mypyc puts the code shared by the modules in one top-level module
    __path__.insert(0, str(NATIVE_DIR / "pipelines" / "extraction"))  # found before the sources beside this file
