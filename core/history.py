"""History rows (django-simple-history) for bulk writes, written by the database itself.

``bulk_create_with_history`` builds one historical model instance per row in Python, then a
second bulk INSERT of them: on a 10,000-row import that is a third of the time. Here one
``INSERT INTO <history> (...) SELECT ... FROM <table> WHERE pk IN (...)`` per 500 rows copies the
tracked columns of the rows just written, with the same history date, type, user and (empty)
change reason that simple-history would have written.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

CHUNK = 500


def history_bulk_copy(model, pks, *, history_type: str, user=None, when=None) -> int:
    """Record history for ``model``'s rows ``pks`` ("+" created, "~" changed); returns the rows."""
    history = model.history.model
    quote = connection.ops.quote_name
    columns = [field.column for field in history.tracked_fields]
    names = ", ".join(quote(c) for c in columns)
    extra = ("history_date", "history_change_reason", "history_type", "history_user_id")
    target = f"{names}, {', '.join(quote(c) for c in extra)}"
    when = when or timezone.now()
    user_id = getattr(user, "pk", None)
    pks, written = list(pks), 0
    with connection.cursor() as cursor:
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({target}) "  # noqa: S608 - names quoted, values bound
                f"SELECT {names}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({marks})",
                [when, "", history_type, user_id, *chunk],
            )
            written += cursor.rowcount
    return written
