"""Bad inputs: each gets a specific reason in raw_release, and never costs the good releases."""
from __future__ import annotations

import json
import os
import shutil

import duckdb

from pipelines.source_files import MAX_RELEASE_BYTES
from tests.conftest import SAMPLES_DIR, materialize_all

GOOD = "2023-03-16_zhang_lavrov_moscow.txt"


def _build_folder(root):
    root.mkdir()
    shutil.copy(SAMPLES_DIR / GOOD, root / GOOD)
    (root / "sub dir").mkdir()
    shutil.copy(SAMPLES_DIR / GOOD, root / "sub dir" / "copy of the same release – é.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "malformed.json").write_text('{"text": "On 1 May 2020 the SCO', encoding="utf-8")
    (root / "no_text.json").write_text(json.dumps({"title": "A title alone"}), encoding="utf-8")
    (root / "scan.pdf").write_bytes(b"%PDF-1.4 not a release")
    (root / "huge.txt").write_bytes(b"a" * (MAX_RELEASE_BYTES + 1))
    hostile = "'); DROP TABLE dim_person; --"
    (root / "hostile.json").write_text(
        json.dumps({"title": hostile, "text": f"On 2 May 2020 {hostile} SCO Secretary-General Zhang Ming spoke."}),
        encoding="utf-8",
    )
    outside = root.parent / "outside.txt"
    outside.write_text("On 3 May 2020 a secret release outside the folder.", encoding="utf-8")
    os.symlink(outside, root / "link_out.txt")


def test_each_bad_input_is_accounted_for_with_its_reason(tmp_path):
    source = tmp_path / "source"
    _build_folder(source)
    result = materialize_all(source, tmp_path / "out")
    assert result.success
    with duckdb.connect(str(tmp_path / "out" / "releases.duckdb"), read_only=True) as connection:
        rows = {
            uri: (status, reason)
            for uri, status, reason in connection.execute("SELECT source_uri, status, reason FROM raw_release").fetchall()
        }
        titles = [row[0] for row in connection.execute("SELECT title FROM dim_release ORDER BY 1").fetchall()]
        assert connection.execute("SELECT count(*) FROM dim_person").fetchone()[0] > 0
    assert rows[GOOD] == ("parsed", None)
    assert rows["sub dir/copy of the same release – é.txt"][0] == "duplicate"
    assert GOOD in rows["sub dir/copy of the same release – é.txt"][1]
    assert rows["empty.txt"][0] == "rejected" and "empty" in rows["empty.txt"][1]
    assert rows["binary.txt"][0] == "rejected"
    assert rows["malformed.json"][0] == "rejected" and "JSON" in rows["malformed.json"][1]
    assert rows["no_text.json"][0] == "rejected" and "text" in rows["no_text.json"][1]
    assert rows["scan.pdf"][0] == "rejected" and ".pdf" in rows["scan.pdf"][1]
    assert rows["huge.txt"][0] == "rejected" and "too large" in rows["huge.txt"][1]
    assert rows["link_out.txt"][0] == "rejected" and "outside" in rows["link_out.txt"][1]
    assert rows["hostile.json"] == ("parsed", None)
    assert "'); DROP TABLE dim_person; --" in titles
    assert len(rows) == 10
