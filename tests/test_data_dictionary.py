"""The data dictionary: every table and column of the sample warehouse explains itself, and the docs are current."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.docs import (
    DICTIONARY_MD,
    apply_comments,
    commented_tables,
    coverage,
    load_comments,
    render_markdown,
    uncommented,
)

CONTRACT_TABLES = {
    "raw_release", "dim_release", "dim_person", "dim_organisation", "dim_country", "dim_event", "dim_document",
    "fact_mention", "fact_participation", "fact_statement",
}


@pytest.fixture(scope="module")
def warehouse(sample_warehouse):
    out_dir, _ = sample_warehouse
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        yield connection


def test_dictionary_file_has_one_comment_per_target():
    comments = load_comments()
    targets = [(comment.table, comment.column) for comment in comments]
    assert len(targets) == len(set(targets)), "a table or column is commented twice"
    assert all(len(comment.text) >= 10 for comment in comments), "a comment too short to explain anything"
    assert CONTRACT_TABLES <= set(commented_tables(comments))


def test_contract_tables_fully_documented(warehouse):
    gaps = [gap for gap in uncommented(warehouse) if gap.split(".")[0] in CONTRACT_TABLES]
    assert gaps == [], f"add COMMENT ON statements to warehouse/dictionary.sql for: {gaps}"


def test_whole_warehouse_documented(warehouse):
    documented, total = coverage(warehouse)
    assert total > 100
    assert documented / total >= 0.9, f"only {documented} of {total} columns have a comment: {uncommented(warehouse)}"
    tables = {row[0] for row in warehouse.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables <= set(commented_tables(load_comments())), "a built table is missing from warehouse/dictionary.sql"


def test_data_dictionary_runs_after_every_table_it_describes(warehouse):
    from pipelines.definitions import defs

    asset_keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    dependencies = {key.to_user_string() for key in defs.resolve_assets_def("data_dictionary").dependency_keys}
    tables = {row[0] for row in warehouse.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert dependencies <= asset_keys
    assert tables & asset_keys <= dependencies, "an asset builds a table after its comments were applied"


def test_comments_on_missing_tables_or_columns_are_skipped(tmp_path: Path):
    sql = tmp_path / "dictionary.sql"
    sql.write_text(
        "-- a test dictionary\n"
        "COMMENT ON TABLE t IS 'One row per thing; it''s quoted.';\n"
        "COMMENT ON COLUMN t.a IS 'The a.';\n"
        "COMMENT ON COLUMN t.gone IS 'A column that is not built.';\n"
        "COMMENT ON TABLE missing IS 'A table that is not built.';\n",
        encoding="utf-8",
    )
    with duckdb.connect() as connection:
        connection.execute("CREATE TABLE t (a INTEGER, b INTEGER)")
        applied, skipped = apply_comments(connection, load_comments(sql))
        assert (applied, skipped) == (2, ["t.gone", "missing"])
        assert uncommented(connection) == ["t.b"]
        assert connection.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 't'").fetchone()[0] == (
            "One row per thing; it's quoted."
        )


def test_anything_but_comment_statements_is_an_error(tmp_path: Path):
    sql = tmp_path / "dictionary.sql"
    sql.write_text("COMMENT ON TABLE t IS 'fine';\nDROP TABLE t;\n", encoding="utf-8")
    with pytest.raises(ValueError, match="DROP TABLE"):
        load_comments(sql)


def test_committed_markdown_is_current(warehouse):
    assert DICTIONARY_MD.read_text(encoding="utf-8") == render_markdown(warehouse), (
        "docs/data_dictionary.md is stale: run `make docs`"
    )
