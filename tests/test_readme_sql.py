"""Every ```sql block of the README and docs/ runs on the sample warehouse and returns rows; the cookbook's pandas
block runs on the sample Parquet export."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
DOCS = [README, *(path.read_text(encoding="utf-8") for path in sorted((PROJECT_ROOT / "docs").glob("*.md")))]
SQL_BLOCKS = [block for text in DOCS for block in re.findall(r"```sql\n(.*?)```", text, re.DOTALL)]
COOKBOOK = README.split("## Cookbook", 1)[1].split("\n## ", 1)[0]


def test_readme_has_a_cookbook_of_at_least_eight_questions():
    assert len(re.findall(r"```sql\n", COOKBOOK)) >= 8
    assert len(re.findall(r"^\*\*\d+\. .*\?\*\*", COOKBOOK, re.MULTILINE)) >= 8


@pytest.mark.parametrize("sql", SQL_BLOCKS, ids=[f"query{i}" for i in range(len(SQL_BLOCKS))])
def test_readme_query_returns_rows(sample_warehouse, sql):
    out_dir, _ = sample_warehouse
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        assert connection.execute(sql).fetchall()


def test_cookbook_pandas_block_runs_on_the_parquet_export(sample_warehouse, tmp_path):
    """Run from a folder whose `warehouse/` is the sample build, as the README's relative paths expect."""
    out_dir, _ = sample_warehouse
    (tmp_path / "warehouse").symlink_to(out_dir, target_is_directory=True)
    [code] = re.findall(r"```python\n(.*?)```", COOKBOOK, re.DOTALL)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code], check=False, cwd=tmp_path, capture_output=True, text=True, timeout=60,
            env={**os.environ, "PYTHONPATH": ""},
        )

    result = run()
    # Arrow's thread pool can abort the interpreter as it shuts down, after the work is done and printed
    # (apache/arrow#34314: "terminate called without an active exception", seen once in a clean-clone run here):
    # only that abort earns one more run, which must then succeed
    if result.returncode == -6 and result.stderr.strip() == "terminate called without an active exception":
        result = run()
    assert result.returncode == 0, result.stderr
    assert "Vladimir Norov" in result.stdout
