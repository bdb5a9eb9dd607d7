"""The star schema: one asset per SQL model in `warehouse/models/`, its upstream read from the SQL itself."""

import dagster as dg

from pipelines.assets.extract import STAGING_SCHEMAS
from pipelines.assets.identity import IDENTITY_SCHEMAS
from pipelines.resources import WarehouseResource
from pipelines.warehouse import SqlModel, build_model, load_models, table_metadata

UPSTREAM_TABLES = {"stg_release", "ref_country", *STAGING_SCHEMAS, "ref_office", *IDENTITY_SCHEMAS, "ref_topic"}


def _model_asset(model: SqlModel, known_tables: set[str]) -> dg.AssetsDefinition:
    @dg.asset(
        name=model.name,
        deps=model.upstream(known_tables),
        description=model.description,
        group_name="warehouse",
        kinds={"sql", "duckdb"},
        owners=["team:releases-data"],
        pool="duckdb_writer",
    )
    def _build(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.get_connection() as connection:
            build_model(connection, model)
            return dg.MaterializeResult(metadata=table_metadata(connection, model.name))

    return _build


def model_assets() -> list[dg.AssetsDefinition]:
    models = load_models()
    known_tables = UPSTREAM_TABLES | {model.name for model in models}
    return [_model_asset(model, known_tables) for model in models]


MODEL_NAMES = [model.name for model in load_models()]
