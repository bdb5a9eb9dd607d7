"""The code location: one Definitions with every asset, check, job and resource of the project."""

import dagster as dg

from pipelines.assets.dictionary import data_dictionary
from pipelines.assets.export import parquet_export
from pipelines.assets.extract import extracted_entities
from pipelines.assets.ingest import ingest_release_files, release_folder_sensor
from pipelines.assets.models import model_assets
from pipelines.assets.parse import stg_release
from pipelines.assets.publish import published_warehouse
from pipelines.assets.reference import ref_country
from pipelines.assets.reports import reports
from pipelines.checks import asset_checks
from pipelines.jobs import build_warehouse
from pipelines.resources import ParquetExportResource, ReleaseSourceResource, WarehouseResource
from pipelines.settings import setting_path

ALL_ASSETS = [
    ingest_release_files,
    stg_release,
    extracted_entities,
    ref_country,
    *model_assets(),
    parquet_export,
    data_dictionary,
    reports,
    published_warehouse,
]

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=asset_checks,
    jobs=[build_warehouse],
    sensors=[release_folder_sensor],
    resources={
        "warehouse": WarehouseResource(database=str(setting_path("RELEASES_WAREHOUSE"))),
        "release_source": ReleaseSourceResource(source_dir=str(setting_path("RELEASES_SOURCE_DIR"))),
        "parquet": ParquetExportResource(export_dir=str(setting_path("RELEASES_EXPORT_DIR"))),
    },
)
