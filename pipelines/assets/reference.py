"""Reference data from `sources/reference/` loaded into the warehouse."""

import dagster as dg
import pyarrow as pa

from pipelines.extraction.reference import load_rows
from pipelines.resources import WarehouseResource
from pipelines.warehouse import replace_table, table_metadata

_COUNTRY_COLUMNS = ("iso3", "iso2", "name", "official_name", "sco_status")


@dg.asset(group_name="reference", kinds={"csv", "duckdb"}, owners=["team:releases-data"], pool="duckdb_writer")
def ref_country(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """All ISO 3166-1 countries from `sources/reference/countries.csv` (names, aliases and adjectives live there)."""
    rows = [{column: row.get(column) or None for column in _COUNTRY_COLUMNS} for row in load_rows("countries.csv")]
    table = pa.Table.from_pylist(rows, schema=pa.schema([(column, pa.string()) for column in _COUNTRY_COLUMNS]))
    with warehouse.get_connection() as connection:
        replace_table(connection, "ref_country", table)
        return dg.MaterializeResult(metadata=table_metadata(connection, "ref_country"))
