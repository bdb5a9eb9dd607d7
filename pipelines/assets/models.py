"""The star schema: one asset per SQL model in `warehouse/models/`, its upstream read from the SQL itself.

All models are built by one step, `warehouse_models`, in dependency order, each followed by its checks
(`pipelines/checks.py`) on the same connection: the same pattern as dbt's assets. They share DuckDB's one writer
anyway, so separate steps bought no parallelism, only Dagster's per-step bookkeeping (about a tenth of a second
each, a third of an incremental run). Every model stays an asset of its own in the UI, selectable alone
(`can_subset`); a failed blocking check stops the step there, so nothing after it is built or published.
"""
from collections.abc import Iterator
from graphlib import TopologicalSorter

import dagster as dg

from pipelines.assets.extract import STAGING_SCHEMAS
from pipelines.assets.identity import IDENTITY_SCHEMAS
from pipelines.checks import check_result, checks_of, table_check_specs, tables_read_by_checks
from pipelines.resources import WarehouseResource
from pipelines.warehouse import SqlModel, build_model, load_models, table_metadata

UPSTREAM_TABLES = {"stg_release", "ref_country", *STAGING_SCHEMAS, "ref_office", *IDENTITY_SCHEMAS, "ref_topic"}
MODELS = load_models()
MODEL_NAMES = [model.name for model in MODELS]


def _reads(model: SqlModel) -> list[str]:
    """The tables the model's SQL and its checks read: built (or checked) before it."""
    known_tables = UPSTREAM_TABLES | set(MODEL_NAMES)
    return sorted({*model.upstream(known_tables), *tables_read_by_checks(model.name)})


def _build_order() -> list[SqlModel]:
    by_name = {model.name: model for model in MODELS}
    graph = {model.name: [name for name in _reads(model) if name in by_name] for model in MODELS}
    return [by_name[name] for name in TopologicalSorter(graph).static_order()]


BUILD_ORDER = _build_order()


@dg.multi_asset(
    name="warehouse_models",
    specs=[
        dg.AssetSpec(
            model.name,
            deps=_reads(model),
            description=model.description,
            group_name="warehouse",
            kinds={"sql", "duckdb"},
            owners=["team:releases-data"],
        )
        for model in MODELS
    ],
    check_specs=[spec for model in MODELS for spec in table_check_specs(model.name)],
    can_subset=True,
    pool="duckdb_writer",
)
def warehouse_models(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Build the selected models in dependency order, each followed by its selected checks."""
    selected_checks = context.selected_asset_check_keys
    with warehouse.get_connection() as connection:
        for model in BUILD_ORDER:
            if dg.AssetKey(model.name) not in context.selected_asset_keys:
                continue
            build_model(connection, model)
            yield dg.MaterializeResult(asset_key=model.name, metadata=table_metadata(connection, model.name))
            for check in checks_of(model.name):
                if dg.AssetCheckKey(dg.AssetKey(model.name), check.name) not in selected_checks:
                    continue
                result = check_result(connection, check)
                yield result
                if check.blocking and not result.passed:
                    raise dg.Failure(
                        description=f"{model.name} failed the blocking check {check.name} "
                        f"({result.metadata['offending_rows'].value} offending rows): the models after it were not "
                        "built and nothing is published. The check's SQL is in pipelines/checks.py.",
                    )
