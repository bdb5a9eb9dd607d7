"""Compiles the modules of `COMPILED_MODULES` (extraction and identity) with mypyc into `build/native/` (`make` runs it).

The build happens in a scratch copy of the package, so no compiled file ever lands beside the sources, and the new
build replaces the old one only once it is complete. `pipelines/extraction/__init__.py` says when it is used.
Nothing is rebuilt when the sources have not changed since the last build.
"""
from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from pipelines.extraction import COMPILED_MODULES, DIGEST_FILE, NATIVE_DIR, SOURCE_DIR, sources_digest

log = logging.getLogger(__name__)


def missing_toolchain() -> str | None:
    """What is missing to compile C extensions here, if anything: then extraction stays plain Python."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "no Python headers (Python.h)"
    return None


def build() -> Path | None:
    """The compiled modules in `NATIVE_DIR`, built from the current sources unless they already are; None when this
    machine cannot compile them (extraction then runs as plain Python: same results, slower)."""
    missing = missing_toolchain()
    if missing:
        log.warning("%s: the extraction modules are not compiled and run as plain Python (same results, about 1.7 "
                    "times slower). Install a C compiler and the Python headers to compile them.", missing)
        return None
    digest = sources_digest()  # before copying: a source edited meanwhile makes this build stale, not wrong
    if DIGEST_FILE.exists() and DIGEST_FILE.read_text(encoding="utf-8").strip() == digest:
        DIGEST_FILE.touch()  # for make: up to date
        log.info("compiled extraction modules are up to date in %s", NATIVE_DIR)
        return NATIVE_DIR
    with tempfile.TemporaryDirectory(prefix="native-build-") as scratch:
        root = Path(scratch)
        package = root / "pipelines" / "extraction"
        package.mkdir(parents=True)
        (root / "pipelines" / "__init__.py").write_text("", encoding="utf-8")
        for source in SOURCE_DIR.glob("*.py"):  # all of them: mypy reads the modules the compiled ones import
            shutil.copy2(source, package / source.name)
        log.info("compiling %d extraction modules with mypyc (about a minute)", len(COMPILED_MODULES))
        compiled = subprocess.run(
            [sys.executable, "-m", "mypyc", *(f"pipelines/extraction/{m}.py" for m in COMPILED_MODULES)],
            cwd=root, capture_output=True, text=True, check=False)
        if compiled.returncode:  # mypyc compiles only code that type-checks: its errors name the lines to fix
            raise SystemExit(f"mypyc could not compile the extraction modules:\n{compiled.stdout}{compiled.stderr}")
        staging = NATIVE_DIR.with_name(NATIVE_DIR.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "pipelines" / "extraction").mkdir(parents=True)
        for shared in root.glob("*.so"):  # the code all modules share, a top-level module
            shutil.move(shared, staging / shared.name)
        for module in package.glob("*.so"):
            shutil.move(module, staging / "pipelines" / "extraction" / module.name)
        (staging / DIGEST_FILE.name).write_text(digest + "\n", encoding="utf-8")
    shutil.rmtree(NATIVE_DIR, ignore_errors=True)
    staging.rename(NATIVE_DIR)
    log.info("compiled extraction modules written to %s", NATIVE_DIR)
    return NATIVE_DIR


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build()
