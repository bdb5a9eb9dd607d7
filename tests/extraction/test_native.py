"""The compiled extraction modules (mypyc, `make` builds them): in use when current, never when stale, and the same
records as the plain Python modules; plus the fast tokeniser, which must cut exactly what its regex defines."""
from __future__ import annotations

import json
import logging
import os
import pickle
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines import build_native, extraction
from pipelines.extraction import persons, release
from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from pipelines.extraction.release import Extractor
from pipelines.extraction.sentences import _TOKEN, _cut_words

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(path for path in (ROOT / "sources" / "samples").iterdir() if path.is_file())
# Extracts the samples named on the command line and prints the records' reprs, as JSON.
EXTRACT_SCRIPT = """
import json, sys
from pathlib import Path
from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from pipelines.extraction.release import Extractor
import pipelines.extraction
extractor = Extractor.load()
out = []
for name in sys.argv[1:]:
    parsed = parse_document(decode_input(name, Path(name).read_bytes()).document)
    out.append(repr(extractor.extract(parsed.body_text, parsed.published_date)))
print(json.dumps({"native": pipelines.extraction.NATIVE, "records": out}))
"""


def _current_build() -> bool:
    return os.environ.get("RELEASES_PURE_PYTHON") != "1" and extraction.DIGEST_FILE.exists() and \
        extraction.DIGEST_FILE.read_text(encoding="utf-8").strip() == extraction.sources_digest()


@pytest.mark.skipif(not _current_build(), reason="turned off, or no current build (`make` compiles the modules)")
def test_a_current_build_is_used() -> None:
    assert extraction.NATIVE
    for module in (persons, release):
        assert Path(module.__file__).is_relative_to(extraction.NATIVE_DIR)
        assert Path(module.__file__).suffix == ".so"


@pytest.mark.skipif(not extraction.NATIVE, reason="the compiled modules are not in use")
def test_compiled_and_plain_python_extract_the_same_records() -> None:
    assert SAMPLES
    extractor = Extractor.load()
    compiled = []
    for path in SAMPLES:
        parsed = parse_document(decode_input(path.name, path.read_bytes()).document)
        compiled.append(repr(extractor.extract(parsed.body_text, parsed.published_date)))
    plain = subprocess.run([sys.executable, "-c", EXTRACT_SCRIPT, *map(str, SAMPLES)], cwd=ROOT, check=True,
                           capture_output=True, text=True, env={"RELEASES_PURE_PYTHON": "1", "PATH": ""})
    result = json.loads(plain.stdout)
    assert result["native"] is False
    assert result["records"] == compiled


def test_a_stale_build_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delenv("RELEASES_PURE_PYTHON", raising=False)
    stale = tmp_path / "sources.sha256"
    stale.write_text("0" * 64 + "\n", encoding="utf-8")
    monkeypatch.setattr(extraction, "DIGEST_FILE", stale)
    with caplog.at_level(logging.WARNING, logger="pipelines.extraction"):
        assert not extraction._native_is_current()
    assert "built from other sources" in caplog.text
    stale.write_text(extraction.sources_digest() + "\n", encoding="utf-8")
    assert extraction._native_is_current()
    monkeypatch.setenv("RELEASES_PURE_PYTHON", "1")
    assert not extraction._native_is_current()


def test_records_pickle_compiled_or_not() -> None:
    path = SAMPLES[0]
    parsed = parse_document(decode_input(path.name, path.read_bytes()).document)
    records = Extractor.load().extract(parsed.body_text, parsed.published_date)
    assert pickle.loads(pickle.dumps(records)) == records


def _regex_columns(text: str) -> tuple[list[str], list[int], list[int]]:
    matches = list(_TOKEN.finditer(text))
    return [m.group() for m in matches], [m.start() for m in matches], [m.end() for m in matches]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé9_ .,;:!?()[]\"“”'’-–\u00a0\u2009\x1c\n\tUSHE中")), max_size=40)
       | st.text(max_size=40))
def test_the_tokeniser_cuts_what_its_regex_matches(text: str) -> None:
    assert _cut_words(text) == _regex_columns(text)


def test_no_compiler_means_plain_python_not_a_failed_build(monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    real = sysconfig.get_config_var
    monkeypatch.setattr(sysconfig, "get_config_var", lambda name: "no-such-cc" if name == "CC" else real(name))
    with caplog.at_level(logging.WARNING, logger="pipelines.build_native"):
        assert build_native.build() is None
    assert "no C compiler (no-such-cc)" in caplog.text
