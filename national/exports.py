"""The roll-up as a table (the page, the XLSX and the CSV show the same rows)."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from core.workbook import add_sheet, append_row, new_workbook, workbook_bytes

from .rollup import SOURCE_LABELS, Rollup


def plain(value):
    """A figure as a plain number: an integer when whole (253, not 253.00)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value


def _text(value) -> str:
    return "" if value is None else str(value)


def target_text(target) -> str:
    high = f"–{target.target_high.normalize():f}" if target.target_high is not None else ""
    prefix = "≥ " if target.target_high is None else ""
    return f"{prefix}{target.target_low.normalize():f}{high} {target.unit} ({target.year_from}–{target.year})"


def rollup_table(rollup: Rollup) -> list[list]:
    """Header, one row per agency, the national total and the targets."""
    header = [_("Agency"), _("Source of the figures")] + [f"{t.name} ({t.unit})" for t in rollup.targets]
    rows = [header]
    for row in rollup.agencies:
        sources = "; ".join(str(SOURCE_LABELS[s]) for s in row.sources) or _("No plan")
        rows.append([row.agency.name, sources] + [plain(row.cells.get(t.code)) for t in rollup.targets])
    rows.append([_("National total"), ""] + [plain(rollup.totals[t.code].value) for t in rollup.targets])
    rows.append([_("Target (Decision 1322/QĐ-TTg)"), ""] + [target_text(t) for t in rollup.targets])
    return rows


def _csv_cell(value) -> str:
    text = _text(value)
    # OWASP's advice for CSV: a text cell that a spreadsheet would read as a formula gets a quote.
    if text and not isinstance(value, int | float) and text[0] in "=+-@\t\r" and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def rollup_csv(rollup: Rollup) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rollup_table(rollup):
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode()


def rollup_xlsx(rollup: Rollup) -> bytes:
    workbook = new_workbook()
    ws = add_sheet(workbook, _("National roll-up"))
    for row in rollup_table(rollup):
        append_row(ws, row)
    return workbook_bytes(workbook)
