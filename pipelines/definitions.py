"""The code location: one Definitions with every asset, check, job and resource of the project."""

import dagster as dg

from pipelines.assets.dictionary import data_dictionary
from pipelines.assets.export import parquet_export
from pipelines.assets.extract import extracted_entities
from pipelines.assets.identity import person_identity
from pipelines.assets.ingest import ingest_release_files, release_folder_sensor
from pipelines.assets.models import warehouse_models
from pipelines.assets.parse import stg_release
from pipelines.assets.publish import published_warehouse
from pipelines.assets.reference import ref_country, ref_office, ref_topic
from pipelines.assets.reports import reports
from pipelines.assets.views import analytical_views
from pipelines.assets.web_ingest import raw_web_page, web_daily_schedule, web_source_settings
from pipelines.jobs import build_warehouse, reextract_months
from pipelines.partitions import month_reextraction
from pipelines.resources import ParquetExportResource, ReleaseSourceResource, WarehouseResource, WebSourceResource
from pipelines.settings import setting_path

ALL_ASSETS = [
    ingest_release_files,
    stg_release,
    extracted_entities,
    ref_country,
    ref_office,
    ref_topic,
    person_identity,
    warehouse_models,
    analytical_views,
    parquet_export,
    data_dictionary,
    reports,
    published_warehouse,
]
# Not in ALL_ASSETS (which the tests materialise without a web resource): the web archive, run by build_warehouse.
WEB_ASSETS = [raw_web_page]

defs = dg.Definitions(
    assets=[*ALL_ASSETS, month_reextraction, *WEB_ASSETS],  # month_reextraction: partitioned, backfills only
    jobs=[build_warehouse, reextract_months],
    sensors=[release_folder_sensor],
    schedules=[web_daily_schedule],
    resources={
        "warehouse": WarehouseResource(database=str(setting_path("RELEASES_WAREHOUSE"))),
        "release_source": ReleaseSourceResource(source_dir=str(setting_path("RELEASES_SOURCE_DIR"))),
        "parquet": ParquetExportResource(export_dir=str(setting_path("RELEASES_EXPORT_DIR"))),
        "web_source": WebSourceResource(**web_source_settings()),  # offline unless RELEASES_SCO_BASE_URL is set
    },
)
