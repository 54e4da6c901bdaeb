"""One worksheet in write-only mode: fonts, number formats, header, rows and =SUM() totals."""

import datetime
import re
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.workbook import Formula
from core.workbook import cell as typed_cell

INTEGER = "#,##0"


DECIMAL = "#,##0.00"


DATE = "DD/MM/YYYY"


_thin = Side(style="thin", color="999999")


HEADER_FONT = Font(name="Times New Roman", bold=True, size=11)


BODY_FONT = Font(name="Times New Roman", size=11)


BOLD_FONT = Font(name="Times New Roman", size=11, bold=True)


TITLE_FONT = Font(name="Times New Roman", bold=True, size=13)


HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")


BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


WRAP = Alignment(wrap_text=True, vertical="top")


CENTRE_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


def number_value(value):
    """A frozen figure (int, or Decimal string) as the number Excel stores: int when integral."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


NUMBER_FORMATS = {"date": DATE, "decimal": DECIMAL, "integer": INTEGER}


def _style_kind(value, kind: str | None) -> str:
    if kind == "text" or isinstance(value, str) and not isinstance(value, Formula):
        return "text"
    if isinstance(value, datetime.date):
        return "date"
    if kind == "decimal" or isinstance(value, float):
        return "decimal"
    if kind == "integer" or isinstance(value, int) and not isinstance(value, bool):
        return "integer"
    return "plain"


class Sheet:
    """A write-only sheet that knows its row number, columns and styles."""

    def __init__(self, workbook: Workbook, title: str, widths: list[int], *, freeze: str = "A3"):
        """``freeze``: the first cell below the header row (a title on row 1, the header on row 2).
        Write-only sheets write their views and columns before the first row, so set them here."""
        self.ws = workbook.create_sheet(title=title[:31])
        # Resolved styles, shared by the workbook's sheets.
        self.styles = workbook.__dict__.setdefault("_report_styles", {})
        self.row_number = 0
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.freeze_panes = freeze
        header_row = int(re.sub(r"[A-Z]", "", freeze)) - 1
        ws.print_title_rows = f"{header_row}:{header_row}"

    def cell(self, value, *, bold=False, kind: str | None = None, header=False):
        """A styled cell. Styles are resolved once per (style, bold) and copied afterwards: setting
        font, border and format on every cell costs more than writing the rows."""
        cell = typed_cell(self.ws, value)  # text is always a string cell; formulas only as Formula
        key = ("header" if header else _style_kind(value, kind), bold)
        cached = self.styles.get(key)
        if cached is not None:
            cell._style = copy(cached)
            return cell
        if header:
            cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTRE_WRAP
        else:
            cell.font = BOLD_FONT if bold else BODY_FONT
            cell.border = BORDER
            if key[0] == "text":
                cell.alignment = WRAP
            elif key[0] in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[key[0]]
        self.styles[key] = copy(cell._style)
        return cell

    def title(self, text: str) -> None:
        cell = typed_cell(self.ws, text, font=TITLE_FONT)
        self.append_cells([cell])

    def header(self, labels: list[str]) -> int:
        """Append a header row (the first one is frozen and printed on every page)."""
        self.append_cells([self.cell(label, header=True) for label in labels])
        return self.row_number

    def row(self, values: list, *, bold=False, kinds: list | None = None) -> int:
        kinds = kinds or [None] * len(values)
        self.append_cells([self.cell(v, bold=bold, kind=k) for v, k in zip(values, kinds, strict=True)])
        return self.row_number

    def blank(self) -> None:
        self.append_cells([])

    def append_cells(self, cells: list) -> None:
        self.ws.append(cells)
        self.row_number += 1

    def total_row(
        self,
        label: str,
        *,
        columns: list[int],
        width: int,
        first: int,
        last: int,
        label_column: int = 1,
        fixed: dict[int, object] | None = None,
    ) -> int:
        """A bold total row: =SUM(first:last) in ``columns`` (0 when the block is empty)."""
        values: list = [None] * width
        values[label_column - 1] = label
        for column in columns:
            letter = get_column_letter(column)
            values[column - 1] = Formula(f"SUM({letter}{first}:{letter}{last})") if last >= first else 0
        for column, value in (fixed or {}).items():
            values[column - 1] = value
        cells = []
        for index, value in enumerate(values, start=1):
            cells.append(self.cell(value, bold=True, kind="integer" if index in columns else None))
        self.append_cells(cells)
        return self.row_number
