"""The one workbook writer: every XLSX the portal writes (exports, report workbooks, import
templates) goes through ``cell`` so that text is text.

openpyxl stores any string that starts with ``=`` as a formula, and Excel acts on what it finds in
a formula cell (``=HYPERLINK(…)`` typed into an enterprise's name would become a live link in the
staff export). Here every ``str`` is written as a string cell, whatever it starts with (``=``,
``+``, ``-``, ``@``, a tab): Excel never evaluates a string cell, so nothing has to be prefixed or
changed in what people see (OWASP's CSV-injection advice, applied to XLSX by typing the cell).
A formula is written only when the code asks for one explicitly with ``Formula("SUM(A2:A9)")``.
There is no CSV export; one would apply OWASP's prefix rule instead.

Streaming (openpyxl write-only) throughout, so memory does not grow with the rows.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class Formula(str):
    """A formula written on purpose by our code, without the leading ``=``: ``Formula("SUM(F3:F9)")``."""

    __slots__ = ()


def cell(ws, value, *, font=None, number_format: str | None = None) -> Cell:
    """A write-only cell for ``ws``: a ``Formula`` is a formula, any other text a string cell."""
    if isinstance(value, Formula):
        result = WriteOnlyCell(ws, value=f"={value}")
    else:
        result = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            result.data_type = "s"
    if font is not None:
        result.font = font
    if number_format is not None:
        result.number_format = number_format
    return result


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def add_sheet(workbook: Workbook, title: str):
    """A write-only sheet; the title is cut to Excel's 31 characters without the forbidden ones."""
    return workbook.create_sheet(title=_SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).strip()[:31] or "Sheet")


def append_row(ws, values, *, font=None) -> None:
    """Append a row of plain values (or ready cells) through ``cell``."""
    ws.append([v if isinstance(v, Cell) else cell(ws, v, font=font) for v in values])


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
