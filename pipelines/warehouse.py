"""SQL in `warehouse/`: schema files for the raw tables, one SELECT per model file, and table metadata for the UI."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow as pa

from pipelines.docs import load_comments
from pipelines.settings import MODELS_DIR, PROJECT_ROOT

SCHEMA_DIR = PROJECT_ROOT / "warehouse" / "schema"
PREVIEW_CHARS = 80


@dataclass(frozen=True)
class SqlModel:
    """A table built by one SELECT in `warehouse/models/<layer>/<name>.sql`."""

    name: str
    layer: str
    sql: str
    description: str

    def upstream(self, known_tables: set[str]) -> list[str]:
        """The tables this model reads: every known table name its SQL mentions."""
        words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", self.sql.lower()))
        return sorted((words & known_tables) - {self.name})


def load_models(models_dir: Path = MODELS_DIR) -> list[SqlModel]:
    models = []
    for path in sorted(models_dir.glob("*/*.sql")):
        sql = path.read_text(encoding="utf-8")
        comment = [line[2:].strip() for line in sql.splitlines() if line.startswith("--")]
        models.append(SqlModel(path.stem, path.parent.name, sql.strip().rstrip(";"), " ".join(comment)))
    return models


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the append-only raw tables and the key macros if the warehouse is new."""
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        connection.execute(path.read_text(encoding="utf-8"))


def build_model(connection: duckdb.DuckDBPyConnection, model: SqlModel) -> None:
    """Rebuild one model's table in a single transaction: readers see the old table or the new one, never half."""
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(f"CREATE OR REPLACE TABLE {model.name} AS {model.sql}")
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK")
        raise


def replace_table(connection: duckdb.DuckDBPyConnection, name: str, rows: pa.Table) -> None:
    """Replace table `name` with an Arrow table, atomically."""
    connection.register("incoming_rows", rows)
    try:
        connection.execute("BEGIN TRANSACTION")
        connection.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM incoming_rows")
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.unregister("incoming_rows")


def ensure_table(connection: duckdb.DuckDBPyConnection, name: str, schema: pa.Schema) -> None:
    """Create an incremental table from its Arrow schema; a table whose columns changed is rebuilt from scratch."""
    existing = [
        row[0]
        for row in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [name]
        ).fetchall()
    ]
    if existing == schema.names:
        return
    connection.register("empty_rows", schema.empty_table())
    try:
        connection.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM empty_rows")
    finally:
        connection.unregister("empty_rows")


def append_rows(connection: duckdb.DuckDBPyConnection, name: str, rows: list[dict], schema: pa.Schema) -> None:
    """Insert rows (dicts keyed by column) into an existing table, by column name."""
    if not rows:
        return
    connection.register("incoming_rows", pa.Table.from_pylist(rows, schema=schema))
    try:
        connection.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming_rows")
    finally:
        connection.unregister("incoming_rows")


@cache
def _column_comments() -> dict[tuple[str, str | None], str]:
    """The data dictionary's comments by (table, column); column None for the table itself."""
    return {(comment.table, comment.column): comment.text for comment in load_comments()}


def _preview_expression(column: str, data_type: str) -> str:
    """A column as the preview shows it: long text cut, bytes as their length (a preview is for reading)."""
    quoted = '"' + column.replace('"', '""') + '"'
    if data_type == "BLOB":
        return f"octet_length({quoted}) || ' bytes' AS {quoted}"
    if data_type == "VARCHAR":
        cut = f"left({quoted}, {PREVIEW_CHARS - 1}) || '…'"
        return f"CASE WHEN length({quoted}) > {PREVIEW_CHARS} THEN {cut} ELSE {quoted} END AS {quoted}"
    return quoted


def table_metadata(connection: duckdb.DuckDBPyConnection, name: str, preview_rows: int = 5) -> dict:
    """Row count, column schema (types and the dictionary's descriptions) and a Markdown preview, for the Dagster UI.

    The preview is the first rows in sorted order, so the same table always shows the same rows.
    """
    row_count = connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    columns = connection.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [name],
    ).fetchall()
    shown = ", ".join(_preview_expression(column, data_type) for column, data_type in columns)
    preview = connection.execute(f"SELECT {shown} FROM {name} ORDER BY ALL LIMIT {preview_rows}").fetchdf()
    comments = _column_comments()
    return {
        "dagster/row_count": dg.MetadataValue.int(int(row_count)),
        "dagster/column_schema": dg.TableSchema(
            columns=[
                dg.TableColumn(name=column, type=data_type, description=comments.get((name, column)))
                for column, data_type in columns
            ]
        ),
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(preview) else "_(no rows)_"),
    }
