"""Every ```sql block of the README runs on the sample warehouse and returns rows."""
from __future__ import annotations

import re

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT

SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)


def test_readme_has_example_queries():
    assert len(SQL_BLOCKS) >= 5


@pytest.mark.parametrize("sql", SQL_BLOCKS, ids=[f"query{i}" for i in range(len(SQL_BLOCKS))])
def test_readme_query_returns_rows(sample_warehouse, sql):
    out_dir, _ = sample_warehouse
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        assert connection.execute(sql).fetchall()
