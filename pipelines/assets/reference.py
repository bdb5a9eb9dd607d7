"""Reference data from `sources/reference/` loaded into the warehouse."""

import dagster as dg
import pyarrow as pa

from pipelines.extraction.offices import default_resolver
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


_OFFICE_SCHEMA = pa.schema(
    [("office_key", pa.string()), ("office_name", pa.string()), ("org_name", pa.string()),
     ("country_iso3", pa.string()), ("person", pa.string()), ("valid_from", pa.date32()), ("valid_to", pa.date32()),
     ("office_forms", pa.string())]
)


@dg.asset(group_name="reference", kinds={"csv", "duckdb"}, owners=["team:releases-data"], pool="duckdb_writer")
def ref_office(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Terms of long-lived offices from `sources/reference/offices.csv` (SCO Secretaries-General, heads of SCO
    bodies, heads of state), each with its canonical office: the seed of fact_office_holding."""
    rows = [
        {"office_key": h.office.office_key, "office_name": h.office.office, "org_name": h.office.org_name,
         "country_iso3": h.office.country_iso3, "person": h.person, "valid_from": h.valid_from,
         "valid_to": h.valid_to, "office_forms": "|".join(h.forms)}
        for h in default_resolver().reference_holdings()
    ]
    with warehouse.get_connection() as connection:
        replace_table(connection, "ref_office", pa.Table.from_pylist(rows, schema=_OFFICE_SCHEMA))
        return dg.MaterializeResult(metadata=table_metadata(connection, "ref_office"))


_TOPIC_COLUMNS = ("topic_id", "name", "parent", "description", "keywords", "weak_keywords")


@dg.asset(group_name="reference", kinds={"csv", "duckdb"}, owners=["team:releases-data"], pool="duckdb_writer")
def ref_topic(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The topic taxonomy from `sources/reference/topics.csv`, with the terms that find each topic: dim_topic's
    source, kept whole so an analyst can see why a sentence got its topic."""
    rows = [{column: row.get(column) or None for column in _TOPIC_COLUMNS} for row in load_rows("topics.csv")]
    table = pa.Table.from_pylist(rows, schema=pa.schema([(column, pa.string()) for column in _TOPIC_COLUMNS]))
    with warehouse.get_connection() as connection:
        replace_table(connection, "ref_topic", table)
        return dg.MaterializeResult(metadata=table_metadata(connection, "ref_topic"))
