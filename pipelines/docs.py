"""The data dictionary: comments from `warehouse/dictionary.sql` applied to a warehouse, and rendered as Markdown.

The comments live in the database itself (so `DESCRIBE` and `duckdb_columns()` explain every column to an analyst),
and `docs/data_dictionary.md` is generated from a built warehouse, never written by hand:

    python -m pipelines.docs          # reads RELEASES_WAREHOUSE, writes docs/data_dictionary.md (or: make docs)
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.settings import PROJECT_ROOT, setting_path

DICTIONARY_SQL = PROJECT_ROOT / "warehouse" / "dictionary.sql"
DICTIONARY_MD = PROJECT_ROOT / "docs" / "data_dictionary.md"

_STATEMENT = re.compile(
    r"COMMENT\s+ON\s+(TABLE|VIEW|COLUMN)\s+([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\s+IS\s+'((?:[^']|'')*)'\s*;",
    re.IGNORECASE,
)
# Order of the layers in the Markdown: how data flows, raw inputs first.
_LAYERS = ("raw_", "stg_", "ref_", "dim_", "fact_")


@dataclass(frozen=True)
class Comment:
    """One `COMMENT ON` statement of the dictionary file."""

    table: str
    column: str | None  # None: the comment is on the table (or view) itself
    text: str
    sql: str


def load_comments(path: Path = DICTIONARY_SQL) -> list[Comment]:
    """Every statement of the dictionary file; anything else in it (except `--` lines) is an error, not ignored."""
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("--"))
    comments = []
    for match in _STATEMENT.finditer(text):
        kind, table, column, body = match.groups()
        if (kind.upper() == "COLUMN") != (column is not None):
            raise ValueError(f"{path.name}: malformed statement: {match.group(0)[:100]}")
        comments.append(Comment(table, column, body.replace("''", "'"), match.group(0)))
    leftover = _STATEMENT.sub("", text).strip()
    if leftover:
        raise ValueError(f"{path.name}: not a COMMENT ON statement: {leftover[:100]!r}")
    return comments


def commented_tables(comments: list[Comment]) -> list[str]:
    """The tables the dictionary describes, in file order."""
    return list(dict.fromkeys(comment.table for comment in comments))


def _objects(connection: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """User tables and views of schema main, with their comments."""
    rows = connection.execute(
        """
        SELECT table_name, comment FROM duckdb_tables()
        WHERE schema_name = 'main' AND NOT internal AND NOT temporary AND database_name = current_database()
        UNION ALL
        SELECT view_name, comment FROM duckdb_views()
        WHERE schema_name = 'main' AND NOT internal AND NOT temporary AND database_name = current_database()
        """
    ).fetchall()
    return dict(rows)


def _columns(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str | None]]:
    """(table, column, type, comment) of every column of the user tables and views, in table order."""
    objects = _objects(connection)
    rows = connection.execute(
        """
        SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
        WHERE schema_name = 'main' AND database_name = current_database()
        ORDER BY table_name, column_index
        """
    ).fetchall()
    return [row for row in rows if row[0] in objects]


def apply_comments(connection: duckdb.DuckDBPyConnection, comments: list[Comment]) -> tuple[int, list[str]]:
    """Run each statement whose table (and column) exists, in one transaction; (applied, skipped targets)."""
    objects = _objects(connection)
    columns = {(table, column) for table, column, _, _ in _columns(connection)}
    applied, skipped = 0, []
    connection.execute("BEGIN TRANSACTION")
    try:
        for comment in comments:
            exists = comment.table in objects and (comment.column is None or (comment.table, comment.column) in columns)
            if not exists:
                skipped.append(comment.table + (f".{comment.column}" if comment.column else ""))
                continue
            connection.execute(comment.sql)
            applied += 1
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK")
        raise
    return applied, skipped


def uncommented(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables and `table.column`s of the warehouse that carry no comment: the dictionary's gaps."""
    gaps = [table for table, comment in sorted(_objects(connection).items()) if not comment]
    gaps += [f"{table}.{column}" for table, column, _, comment in _columns(connection) if not comment]
    return gaps


def coverage(connection: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(columns with a comment, all columns) of the warehouse."""
    comments = [comment for _, _, _, comment in _columns(connection)]
    return sum(1 for comment in comments if comment), len(comments)


def _layer_order(table: str) -> tuple[int, str]:
    rank = next((i for i, prefix in enumerate(_LAYERS) if table.startswith(prefix)), len(_LAYERS))
    return rank, table


def _cell(text: str | None) -> str:
    return (text or "**undocumented**").replace("|", "\\|").replace("\n", " ")


def render_markdown(connection: duckdb.DuckDBPyConnection) -> str:
    """The data dictionary as Markdown: every table (by layer) with its comment and its columns' types and comments.

    Only names, types and comments go in, no row counts, so the file changes only when the schema or a comment does.
    """
    objects = _objects(connection)
    columns: dict[str, list[tuple[str, str, str | None]]] = {}
    for table, column, data_type, comment in _columns(connection):
        columns.setdefault(table, []).append((column, data_type, comment))
    tables = sorted(objects, key=_layer_order)
    lines = [
        "# Data dictionary",
        "",
        "Every table and column of the DuckDB warehouse (schema `main`), generated by `make docs`",
        "(`python -m pipelines.docs`) from the comments that `warehouse/dictionary.sql` puts on a built warehouse.",
        "Do not edit by hand: change `warehouse/dictionary.sql`, rebuild, and regenerate. In DuckDB the same text is in",
        "`duckdb_tables()`, `duckdb_columns()` and `DESCRIBE`. Char offsets are 0-based and end-exclusive into",
        "`dim_release.body_text`.",
        "",
        "| table | what a row is |",
        "| --- | --- |",
        *(f"| [`{table}`](#{table}) | {_cell(objects[table])} |" for table in tables),
    ]
    for table in tables:
        lines += ["", f"## {table}", "", _cell(objects[table]), "", "| column | type | meaning |", "| --- | --- | --- |"]
        lines += [f"| `{column}` | {data_type} | {_cell(comment)} |" for column, data_type, comment in columns[table]]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write docs/data_dictionary.md from the warehouse at RELEASES_WAREHOUSE (built by `make run`)."""
    database = setting_path("RELEASES_WAREHOUSE")
    if not database.exists():
        print(f"no warehouse at {database}: build it first with `make run`", file=sys.stderr)
        return 1
    with duckdb.connect(str(database), read_only=True) as connection:
        markdown = render_markdown(connection)
        gaps = uncommented(connection)
    DICTIONARY_MD.parent.mkdir(parents=True, exist_ok=True)
    DICTIONARY_MD.write_text(markdown, encoding="utf-8")
    print(f"wrote {DICTIONARY_MD.relative_to(PROJECT_ROOT)}" + (f"; undocumented: {', '.join(gaps)}" if gaps else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
