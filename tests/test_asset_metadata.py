"""The UI tells the story: every asset says what it is, where it belongs and who owns it, and every table asset's
materialisation shows its row count, its column schema (with the dictionary's descriptions) and a preview."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from pipelines.docs import load_comments

TABLE_METADATA = ("dagster/row_count", "dagster/column_schema", "preview")


def _asset_graph():
    return defs.resolve_asset_graph()


def _asset_keys() -> list[dg.AssetKey]:
    return sorted(_asset_graph().get_all_asset_keys(), key=lambda key: key.to_user_string())


@pytest.mark.parametrize("key", _asset_keys(), ids=lambda key: key.to_user_string())
def test_every_asset_says_what_it_is(key: dg.AssetKey):
    node = _asset_graph().get(key)
    assert node.description and len(node.description) > 20, f"{key.to_user_string()}: no description"
    assert node.group_name and node.group_name != "default", f"{key.to_user_string()}: no group"
    assert node.owners, f"{key.to_user_string()}: no owners"
    assert node.kinds, f"{key.to_user_string()}: no kinds"


def test_every_asset_check_is_described():
    checks = defs.resolve_asset_graph().asset_check_keys
    assert checks, "the asset checks should be in the code location"
    repository = defs.get_repository_def()
    definitions = [*repository.asset_checks_defs_by_key.values(), *repository.assets_defs_by_key.values()]
    specs = {spec.key: spec for definition in definitions for spec in definition.check_specs}
    assert set(specs) == set(checks)
    for spec in specs.values():
        assert spec.description, f"{spec.key}: no description"


def _materializations(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetMaterialization]:
    return {
        event.materialization.asset_key.to_user_string(): event.materialization
        for event in result.get_asset_materialization_events()
    }


def test_table_assets_show_count_schema_and_preview(sample_warehouse):
    out_dir, result = sample_warehouse
    materialized = _materializations(result)
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        tables = {row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        counts = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}
    table_assets = sorted(tables & set(materialized))
    assert {"raw_release", "raw_blob", "stg_release", "dim_person", "fact_mention"} <= set(table_assets)
    dictionary = {(comment.table, comment.column): comment.text for comment in load_comments()}
    described = 0
    for name in table_assets:
        metadata = materialized[name].metadata
        missing = [label for label in TABLE_METADATA if label not in metadata]
        assert not missing, f"{name} lacks {missing}"
        assert metadata["dagster/row_count"].value == counts[name], name
        columns = metadata["dagster/column_schema"].value.columns
        assert columns, name
        for column in columns:  # the dictionary's comment, where it has one, is the column's description in the UI
            assert column.description == dictionary.get((name, column.name)), f"{name}.{column.name}"
            described += column.description is not None
        preview = metadata["preview"].value
        assert preview.startswith("|") or (counts[name] == 0 and "no rows" in preview), name
    assert described > 100, "the column schemas should carry the data dictionary's descriptions"


def test_preview_keeps_bytes_and_long_text_short(sample_warehouse):
    _, result = sample_warehouse
    materialized = _materializations(result)
    assert " bytes |" in materialized["raw_blob"].metadata["preview"].value
    assert max(map(len, materialized["stg_release"].metadata["preview"].value.splitlines())) < 1500


def test_raw_release_lists_rejected_inputs(sample_warehouse):
    _, result = sample_warehouse
    metadata = _materializations(result)["raw_release"].metadata
    for label in ("rejected_inputs", "rejected_this_run", "parsed", "rejected", "duplicate", "files_scanned"):
        assert label in metadata, label
    assert metadata["rejected_this_run"].value == "_none_" or metadata["rejected_this_run"].value.startswith("- `")
