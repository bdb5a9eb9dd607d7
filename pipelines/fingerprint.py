"""Versions of the code and reference data that shape derived rows, so a change reprocesses what it affects.

A release is re-parsed when the parser's fingerprint changes and re-extracted when the extraction library's, the
reference data's or the staging tables' (`pipelines/assets/extract.py`) fingerprint changes; otherwise a run touches only new or changed inputs.
"""

import hashlib

from pipelines.settings import PROJECT_ROOT

_EXTRACTION = PROJECT_ROOT / "pipelines" / "extraction"
_PARSER_MODULES = ("intake", "parse", "html_article", "normalise", "dates", "language", "records")


def _fingerprint(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PARSER_VERSION = _fingerprint(_EXTRACTION / f"{name}.py" for name in _PARSER_MODULES)
EXTRACTOR_VERSION = _fingerprint(
    [
        *_EXTRACTION.glob("*.py"),
        *(PROJECT_ROOT / "sources" / "reference").glob("*.csv"),
        PROJECT_ROOT / "pipelines" / "assets" / "extract.py",
    ]
)
