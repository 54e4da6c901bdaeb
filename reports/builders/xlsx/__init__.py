"""The XLSX: one sheet per section plus the lists, in openpyxl write-only (streaming) mode.

Figures are real numbers with number formats (Excel shows '#,##0' with the reader's locale
separators: 1.234.567 in Vietnamese), dates are dates, header rows are frozen, totals are
=SUM() formulas, and every sheet prints on A4 landscape. The file is saved reproducibly
(``core.reproducible``): the same figures give the same bytes.
"""

from .resources import budget_labels, narrative_sections
from .results import kpi_columns, kpi_row, outcome_dimensions, outcome_labels, status_label
from .sheet import (
    BODY_FONT,
    BOLD_FONT,
    BORDER,
    CENTRE_WRAP,
    DATE,
    DECIMAL,
    HEADER_FILL,
    HEADER_FONT,
    INTEGER,
    NUMBER_FORMATS,
    TITLE_FONT,
    WRAP,
    Sheet,
    number_value,
)
from .writer import write_xlsx

__all__ = [
    "BODY_FONT",
    "BOLD_FONT",
    "BORDER",
    "CENTRE_WRAP",
    "DATE",
    "DECIMAL",
    "HEADER_FILL",
    "HEADER_FONT",
    "INTEGER",
    "NUMBER_FORMATS",
    "Sheet",
    "TITLE_FONT",
    "WRAP",
    "budget_labels",
    "kpi_columns",
    "kpi_row",
    "narrative_sections",
    "number_value",
    "outcome_dimensions",
    "outcome_labels",
    "status_label",
    "write_xlsx",
]
