"""Bulk inserts for the scale generator: rows go to the database in large batches, never one ORM
``save()`` per row.

On PostgreSQL the ids are reserved from the table's sequence up front (so children can point at
their parents before anything is written) and the rows are streamed with ``COPY ... FROM STDIN``;
elsewhere (SQLite in a quick test) they go through ``executemany`` with the same explicit ids.
A row is a dict of field names (``enterprise_id`` or ``enterprise``) to values; every other
concrete field gets its model default, and ``auto_now``/``auto_now_add`` fields the writer's
fixed ``moment`` (so the same seed gives the same rows).
"""

import csv
import datetime
import io
import json
from collections.abc import Iterable

from django.db import connection, models

BATCH = 20_000


def _default(field: models.Field, moment: datetime.datetime):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return moment
    return field.get_default()


def _csv_value(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "t" if value else "f"
    return value


class BulkWriter:
    """Reserve ids and write rows of any model in batches."""

    def __init__(self, *, moment: datetime.datetime):
        self.moment = moment
        self.postgres = connection.vendor == "postgresql"
        self._next_id: dict[type, int] = {}
        self.written: dict[str, int] = {}

    def reserve(self, model: type[models.Model], count: int) -> int:
        """The first of ``count`` consecutive new ids of ``model`` (nobody else gets them)."""
        if count <= 0:
            return 0
        table = model._meta.db_table
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s)",
                    [table, table, count - 1],
                )
                return cursor.fetchone()[0] - count + 1
        # Elsewhere: past both the table's highest id and what this writer reserved (rows made by
        # the ORM in between, such as an agency's internal users, are in the table).
        top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
        first = max(top + 1, self._next_id.get(model, 1))
        self._next_id[model] = first + count
        return first

    def write(self, model: type[models.Model], rows: Iterable[dict]) -> int:
        """Insert ``rows`` (dicts with their ``id`` when the model has one reserved); returns the count."""
        fields = [f for f in model._meta.concrete_fields]
        total = 0
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                total += self._flush(model, fields, batch)
                batch = []
        if batch:
            total += self._flush(model, fields, batch)
        label = model._meta.label
        self.written[label] = self.written.get(label, 0) + total
        return total

    def _values(self, fields, row: dict) -> list:
        values = []
        for field in fields:
            if field.attname in row:
                values.append(row[field.attname])
            elif field.name in row:
                values.append(row[field.name])
            elif field.primary_key:
                values.append(None)
            else:
                values.append(_default(field, self.moment))
        return values

    def _flush(self, model, fields, batch: list[dict]) -> int:
        if "id" not in batch[0] and any(f.primary_key for f in fields):
            first = self.reserve(model, len(batch))
            for offset, row in enumerate(batch):
                row["id"] = first + offset
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        if not self.postgres:  # executemany, not bulk_create: that would stamp "now" on auto_now fields
            params = [
                [f.get_db_prep_save(v, connection) for f, v in zip(fields, self._values(fields, row), strict=True)]
                for row in batch
            ]
            placeholders = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - quoted names only
            with connection.cursor() as cursor:
                cursor.executemany(sql, params)
            return len(batch)
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_NOTNULL, lineterminator="\n")
        for row in batch:
            writer.writerow([_csv_value(v) for v in self._values(fields, row)])
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer)
        return len(batch)
