"""The XLSX: one sheet per section plus the lists, in openpyxl write-only (streaming) mode.

Figures are real numbers with number formats (Excel shows '#,##0' with the reader's locale
separators: 1.234.567 in Vietnamese), dates are dates, header rows are frozen, totals are
=SUM() formulas, and every sheet prints on A4 landscape. The file is saved reproducibly
(``core.reproducible``): the same figures give the same bytes.
"""

import datetime
import re
from copy import copy
from decimal import Decimal
from pathlib import Path

from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.reproducible import save_workbook
from core.workbook import Formula
from core.workbook import cell as typed_cell
from programs.targets import Status
from reports import selectors

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


def write_xlsx(*, figures: dict, builder, path: Path, final: bool = False) -> None:
    """Write every sheet to ``path`` (streamed: rows go to disk as they are written)."""
    workbook = Workbook(write_only=True)
    _info(workbook, figures, final=final)
    _results(workbook, figures)
    _kpis(workbook, figures)
    _support(workbook, figures)
    if figures.get("outcomes_included"):
        _outcomes(workbook, figures)
    _training(workbook, figures)
    _budget(workbook, figures)
    _partners(workbook, figures)
    _narrative(workbook, figures)
    if figures.get("include_yearly_appendix", True):
        _appendix(workbook, figures)
    builder.on_progress(60)
    _list_enterprises(workbook, builder.detail_rows("enterprises"))
    _list_applications(workbook, builder.detail_rows("applications"))
    _list_courses(workbook, builder.detail_rows("courses"))
    _list_activities(workbook, builder.detail_rows("activities"))
    if figures.get("outcomes_included"):
        _list_outcomes(workbook, builder.detail_rows("outcomes"))
    save_workbook(workbook, path, moment=builder.file_moment)


def _iso(value: str | None):
    return datetime.date.fromisoformat(value) if value else None


def _no_data(sheet: Sheet) -> None:
    sheet.row([pgettext("report", "No data for this section.")])


def _info(workbook, figures, *, final: bool):
    header, period = figures["header"], figures["period"]
    sheet = Sheet(workbook, pgettext("report", "Report"), [28, 90])
    sheet.title(header["summary"])
    sheet.header([pgettext("report", "Item"), pgettext("report", "Value")])
    rows = [
        (pgettext("report", "Document status"), pgettext("report", "Final") if final else pgettext("report", "DRAFT")),
        (pgettext("report", "Parent agency"), header["parent_agency"]),
        (pgettext("report", "Agency"), header["agency"]),
        (pgettext("report", "Number"), header["number"]),
        (pgettext("report", "Place and date"), header["place_date"]),
        (pgettext("report", "Plan"), figures["plan"]["title"]),
        (pgettext("report", "Data from"), _iso(period["data_from"])),
        (pgettext("report", "Data to"), _iso(period["data_to"])),
        *[
            (pgettext("report", "Data year %(year)s") % {"year": r["year"]}, f"{_dmy(r['start'])} – {_dmy(r['end'])}")
            for r in period["ranges"]
        ],
        (pgettext("report", "Money counted up to"), _iso(period["money_cutoff"])),
        (pgettext("report", "Records entered up to"), _moment(period["as_of"])),
        (pgettext("report", "Version"), header["version"]),
        (pgettext("report", "Signer"), f"{header['signer_title']} {header['signer_name']}".strip()),
    ]
    for label, value in rows:
        sheet.row([label, value], kinds=["text", "text" if isinstance(value, str) else None])


def _dmy(value: str) -> str:
    return f"{value[8:10]}/{value[5:7]}/{value[:4]}"


def _moment(value: str) -> str:
    """ "2024-12-15T08:00:00+07:00" → "08:00 15/12/2024"."""
    return f"{value[11:16]} {_dmy(value[:10])}"


def _results(workbook, figures):
    sheet = Sheet(workbook, pgettext("report", "I. Results"), [10, 14, 50, 22, 30, 18, 60])
    sheet.title(pgettext("report", "I. Results by task group"))
    sheet.header(
        [
            pgettext("report", "Group"),
            pgettext("report", "Date"),
            pgettext("report", "Activity"),
            pgettext("report", "Kind"),
            pgettext("report", "Responsible organisation"),
            pgettext("report", "Cost (VND)"),
            pgettext("report", "Results"),
        ]
    )
    first = sheet.row_number + 1
    from programs.models import ActivityKind

    for group in figures["results"]:
        sheet.row(
            [
                group["number"],
                None,
                group["title"] or pgettext("report", "Activities not linked to a task"),
                None,
                None,
                None,
                None,
            ],
            bold=True,
        )
        for activity in group["activities"]:
            sheet.row(
                [
                    group["number"],
                    _iso(activity["date"]),
                    activity["title"],
                    _label(ActivityKind, activity["kind"]),
                    activity["organisation"],
                    activity["cost"],
                    activity["results"],
                ]
            )
        if group.get("not_listed"):
            sheet.row(
                [
                    group["number"],
                    None,
                    pgettext("report", "%(count)s more activities: see the sheet of activities")
                    % {"count": group["not_listed"]},
                    None,
                    None,
                    group["not_listed_cost"],
                    None,
                ]
            )
    sheet.total_row(
        pgettext("report", "Total"), columns=[6], width=7, first=first, last=sheet.row_number, label_column=3
    )


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def kpi_columns(figures) -> list[str]:
    years = figures["period"]["years"]
    return [
        pgettext("report", "Code"),
        pgettext("report", "Indicator"),
        pgettext("report", "Unit"),
        pgettext("report", "Target"),
        pgettext("report", "Target (minimum)"),
        pgettext("report", "Target (maximum)"),
        pgettext("report", "Tolerance (%)"),
        *[pgettext("report", "Actual %(year)s") % {"year": year} for year in years],
        pgettext("report", "Actual for the period"),
        pgettext("report", "Average annual growth (%)"),
        pgettext("report", "Target met (%)"),
        pgettext("report", "Status"),
    ]


def status_label(status: str) -> str:
    return {
        Status.BELOW: pgettext("report", "Below target"),
        Status.WITHIN: pgettext("report", "Within target"),
        Status.ABOVE: pgettext("report", "Above target"),
        Status.NO_DATA: pgettext("report", "No data (no measure)"),
        Status.NOT_COMPUTABLE: pgettext("report", "Cannot be computed"),
    }.get(status, status)


def kpi_row(kpi: dict) -> list:
    """One indicator as the KPI sheet prints it: counts for count indicators; for a growth
    indicator the yearly counts and its average annual growth, never a "% of target"."""
    target = kpi["target"]
    return [
        kpi["code"],
        kpi["name"],
        kpi["unit"],
        target["text"],
        number_value(target["min"]),
        number_value(target["max"]),
        number_value(target["tolerance"]),
        *[number_value(y["actual"]) for y in kpi["yearly"]],
        None if kpi["is_growth"] else number_value(kpi["period_actual"]),
        number_value(kpi["rate"]) if kpi["is_growth"] else None,
        None if kpi["is_growth"] else number_value(kpi["percent_of_target"]),
        status_label(kpi["status"]),
    ]


def _kpis(workbook, figures):
    years = figures["period"]["years"]
    sheet = Sheet(
        workbook,
        pgettext("report", "II. Indicators"),
        [8, 50, 14, 22, 12, 12, 10, *[12] * len(years), 14, 14, 12, 18],
        freeze="C3",
    )
    sheet.title(pgettext("report", "II. Results against the indicators"))
    sheet.header(kpi_columns(figures))
    if figures["kpis"] is None:
        _no_data(sheet)
        return
    for kpi in figures["kpis"]:
        sheet.row(kpi_row(kpi))


def _support(workbook, figures):
    sheet = Sheet(workbook, pgettext("report", "III. Support"), [50, 14, 14, 20, 20])
    sheet.title(pgettext("report", "III. Support for enterprises"))
    support = figures["support"]
    labels = [
        pgettext("report", "Applications"),
        pgettext("report", "Enterprises"),
        pgettext("report", "Approved (VND)"),
        pgettext("report", "Disbursed (VND)"),
    ]
    if support is None:
        sheet.header([pgettext("report", "Support scheme"), *labels])
        _no_data(sheet)
        return
    by_year = [{**row, "name": row["year"]} for row in support["by_year"]]
    for rows, heading in (
        (by_year, pgettext("report", "Data year")),
        (support["scheme"], pgettext("report", "Support scheme")),
        (support["unit"], pgettext("report", "Administrative unit")),
        (support["sector"], pgettext("report", "Sector")),
    ):
        sheet.header([heading, *labels])
        first = sheet.row_number + 1
        for row in rows:
            sheet.row(
                [
                    row["name"] or pgettext("report", "Not specified"),
                    row["applications"],
                    row["enterprises"],
                    row["approved"],
                    row["disbursed"],
                ],
                kinds=["text", None, None, None, None],
            )
        # Enterprises are counted once even when they had applications in two groups (or years).
        sheet.total_row(
            pgettext("report", "Total"),
            columns=[2, 4, 5],
            width=5,
            first=first,
            last=sheet.row_number,
            fixed={3: support["total"]["enterprises"]},
        )
        sheet.blank()


def outcome_labels() -> list[str]:
    return [
        pgettext("report", "Enterprises with figures before and after"),
        pgettext("report", "with a computable change"),
        pgettext("report", "Median change in labour productivity (%)"),
        pgettext("report", "Enterprises with higher productivity"),
        pgettext("report", "Share with higher productivity (%)"),
    ]


def outcome_dimensions() -> list[tuple[str, str]]:
    return [
        ("scheme", pgettext("report", "Support scheme")),
        ("sector", pgettext("report", "Sector")),
        ("unit", pgettext("report", "Administrative unit")),
    ]


def _outcome_row(sheet, name, group, *, bold=False):
    sheet.row(
        [
            name,
            group["enterprises"],
            group["with_change"],
            number_value(group["median_change"]),
            group["improved"],
            number_value(group["improved_share"]),
        ],
        bold=bold,
        kinds=["text", "integer", "integer", "decimal", "integer", "decimal"],
    )


def _outcomes(workbook, figures):
    sheet = Sheet(workbook, pgettext("report", "III.b Outcomes"), [50, 16, 16, 18, 16, 18])
    sheet.title(
        pgettext("report", "III.b Outcomes of supported enterprises (labour productivity = value added per employee)")
    )
    outcomes = figures["outcomes"]
    if outcomes is None:
        sheet.header([pgettext("report", "Support scheme"), *outcome_labels()])
        _no_data(sheet)
        return
    for dimension, heading in outcome_dimensions():
        sheet.header([heading, *outcome_labels()])
        for group in outcomes[f"by_{dimension}"]:
            _outcome_row(sheet, group["name"] or pgettext("report", "Not specified"), group)
        # Medians do not add up: the total is computed over all the enterprises.
        _outcome_row(sheet, pgettext("report", "Total"), outcomes["total"], bold=True)
        sheet.blank()
    sheet.header([pgettext("report", "Standard"), pgettext("report", "Certificates obtained")])
    first = sheet.row_number + 1
    for row in outcomes["certificates"]:
        sheet.row([row["standard"], row["count"]], kinds=["text", "integer"])
    sheet.total_row(pgettext("report", "Total"), columns=[2], width=2, first=first, last=sheet.row_number)


def _training(workbook, figures):
    years = figures["period"]["years"]
    sheet = Sheet(workbook, pgettext("report", "IV. Training"), [50, 14, *[14] * len(years), 16])
    sheet.title(pgettext("report", "IV. Training"))
    sheet.header(
        [
            pgettext("report", "Course kind"),
            pgettext("report", "Courses"),
            *[pgettext("report", "Person-times %(year)s") % {"year": year} for year in years],
            pgettext("report", "Person-times"),
        ]
    )
    if figures["training"] is None:
        _no_data(sheet)
        return
    first = sheet.row_number + 1
    for row in figures["training"]["kinds"]:
        sheet.row([row["name"], row["courses"], *row["yearly"], row["person_times"]])
    width = 3 + len(years)
    sheet.total_row(
        pgettext("report", "Total"), columns=list(range(2, width + 1)), width=width, first=first, last=sheet.row_number
    )


def budget_labels() -> list[str]:
    return [
        pgettext("report", "Proposed (VND)"),
        pgettext("report", "Appraised (VND)"),
        pgettext("report", "Approved (VND)"),
        pgettext("report", "Reserved (VND)"),
        pgettext("report", "Disbursed (VND)"),
        pgettext("report", "Remaining (VND)"),
    ]


def _budget(workbook, figures):
    sheet = Sheet(workbook, pgettext("report", "V. Budget"), [50, 8, *[18] * 6])
    sheet.title(
        pgettext("report", "V. Budget by funding source, as of %(date)s")
        % {"date": _dmy(figures["period"]["money_cutoff"])}
    )
    sheet.header([pgettext("report", "Funding source"), pgettext("report", "Year"), *budget_labels()])
    if figures["budget"] is None:
        _no_data(sheet)
        return
    first = sheet.row_number + 1
    for row in figures["budget"]["rows"]:
        sheet.row(
            [row["source"], row["year"], *[row[key] for key in selectors.BUDGET_KEYS]],
            kinds=["text", "text", *[None] * 6],
        )
    sheet.total_row(
        pgettext("report", "Total"), columns=[3, 4, 5, 6, 7, 8], width=8, first=first, last=sheet.row_number
    )


def _partners(workbook, figures):
    from programs.models import ActivityKind

    sheet = Sheet(workbook, pgettext("report", "VI. Partners"), [40, 16, 14, 50, 18, 50])
    sheet.title(pgettext("report", "VI. Contributions of partner organisations"))
    sheet.header(
        [
            pgettext("report", "Organisation"),
            pgettext("report", "Period"),
            pgettext("report", "Date"),
            pgettext("report", "Activity or figure"),
            pgettext("report", "Cost or value"),
            pgettext("report", "Results"),
        ]
    )
    first = sheet.row_number + 1
    for report in figures.get("partners") or []:
        period = f"{_dmy(report['period_start'])} – {_dmy(report['period_end'])}" if report["period_end"] else ""
        sheet.row([report["organisation"], period, None, report["summary"], None, None], bold=True)
        for activity in report["activities"]:
            sheet.row(
                [
                    report["organisation"],
                    period,
                    _iso(activity["date"]),
                    f"{activity['title']} ({_label(ActivityKind, activity['kind'])})",
                    activity["cost"],
                    activity["results"],
                ]
            )
        for figure in report["figures"]:
            sheet.row(
                [
                    report["organisation"],
                    period,
                    None,
                    f"{figure['code']} – {figure['indicator']} ({figure['unit']})",
                    number_value(figure["value"]),
                    None,
                ],
                kinds=["text", "text", None, "text", "decimal", None],
            )
    if sheet.row_number < first:
        sheet.row([pgettext("report", "No approved partner report in the period.")])


def narrative_sections(figures) -> list[tuple[str, str]]:
    """(heading, text) of each narrative section, in order; lessons learned only where it belongs."""
    narrative, header = figures["header"]["narrative"], figures["header"]
    sections = [(pgettext("report", "Shortcomings and causes"), narrative["shortcomings"])]
    if header.get("has_lessons"):
        sections.append((pgettext("report", "Lessons learned"), narrative.get("lessons", "")))
    sections += [
        (pgettext("report", "Tasks for the next period"), narrative["next_tasks"]),
        (pgettext("report", "Proposals"), narrative["proposals"]),
    ]
    return sections


def _narrative(workbook, figures):
    sheet = Sheet(workbook, pgettext("report", "VII. Assessment"), [30, 100])
    sheet.title(pgettext("report", "VII. Assessment, lessons and proposals"))
    sheet.header([pgettext("report", "Item"), pgettext("report", "Content")])
    for heading, text in narrative_sections(figures):
        sheet.row([heading, text], kinds=["text", "text"])


def _appendix(workbook, figures):
    sheet = Sheet(workbook, pgettext("report", "Appendix"), [8, 50, 8, 14, 14, 14, 16], freeze="C3")
    sheet.title(pgettext("report", "Appendix: planned and achieved by year"))
    sheet.header(
        [
            pgettext("report", "Code"),
            pgettext("report", "Indicator"),
            pgettext("report", "Year"),
            pgettext("report", "Target (minimum)"),
            pgettext("report", "Target (maximum)"),
            pgettext("report", "Actual"),
            pgettext("report", "Growth (%)"),
        ],
    )
    for kpi in figures["kpis"] or []:
        for year in kpi["yearly"]:
            sheet.row(
                [
                    kpi["code"],
                    kpi["name"],
                    year["year"],
                    number_value(year["target_min"]),
                    number_value(year["target_max"]),
                    number_value(year["actual"]),
                    number_value(year["growth"]) if kpi["is_growth"] else None,
                ],
                kinds=["text", "text", "text", None, None, None, None],
            )
    sheet.blank()
    if figures["budget"] is None:
        return
    sheet.append_cells(
        [
            sheet.cell(label, header=True)
            for label in [
                pgettext("report", "Year"),
                pgettext("report", "Approved budget (VND)"),
                pgettext("report", "Disbursed (VND)"),
            ]
        ]
    )
    first = sheet.row_number + 1
    for row in figures["budget"]["by_year"]:
        sheet.row([row["year"], row["approved"], row["disbursed"]], kinds=["text", None, None])
    sheet.total_row(pgettext("report", "Total"), columns=[2, 3], width=3, first=first, last=sheet.row_number)


def _list_sheet(workbook, title, widths, labels, rows, *, sum_columns, convert=lambda row: list(row)):
    sheet = Sheet(workbook, title, widths, freeze="A2")
    sheet.header(labels)
    first = sheet.row_number + 1
    for row in rows:
        sheet.row(convert(row))
    sheet.total_row(
        pgettext("report", "Total"), columns=sum_columns, width=len(labels), first=first, last=sheet.row_number
    )


def _list_enterprises(workbook, rows):
    from enterprises.models import SizeClass

    def convert(row):
        tax_code, name, unit, sector, size, is_model, applications, approved, disbursed = row
        return [
            tax_code,
            name,
            unit or "",
            sector or "",
            _label(SizeClass, size),
            pgettext("report", "Yes") if is_model else "",
            applications,
            approved or 0,
            disbursed or 0,
        ]

    _list_sheet(
        workbook,
        pgettext("report", "Supported enterprise list"),
        [16, 45, 25, 10, 14, 12, 12, 18, 18],
        [
            pgettext("report", "Tax code"),
            pgettext("report", "Enterprise"),
            pgettext("report", "Administrative unit"),
            pgettext("report", "Sector"),
            pgettext("report", "Size class"),
            pgettext("report", "Model enterprise"),
            pgettext("report", "Applications"),
            pgettext("report", "Approved (VND)"),
            pgettext("report", "Disbursed (VND)"),
        ],
        rows,
        sum_columns=[7, 8, 9],
        convert=convert,
    )


def _list_applications(workbook, rows):
    def convert(row):
        from programs.applications.models import Status

        code, tax_code, enterprise, scheme, decision_date, approved, disbursed, status, decision_number = row
        return [
            code or "",
            tax_code,
            enterprise,
            scheme,
            decision_date,
            approved or 0,
            disbursed or 0,
            _label(Status, status),
            decision_number,
        ]

    _list_sheet(
        workbook,
        pgettext("report", "Application list"),
        [18, 16, 40, 35, 14, 18, 18, 20, 18],
        [
            pgettext("report", "Reference"),
            pgettext("report", "Tax code"),
            pgettext("report", "Enterprise"),
            pgettext("report", "Support scheme"),
            pgettext("report", "Decision date"),
            pgettext("report", "Approved (VND)"),
            pgettext("report", "Disbursed (VND)"),
            pgettext("report", "Status"),
            pgettext("report", "Decision number"),
        ],
        rows,
        sum_columns=[6, 7],
        convert=convert,
    )


def _list_courses(workbook, rows):
    _list_sheet(
        workbook,
        pgettext("report", "Course list"),
        [14, 14, 45, 25, 30, 25, 14, 18],
        [
            pgettext("report", "Start date"),
            pgettext("report", "End date"),
            pgettext("report", "Course"),
            pgettext("report", "Course kind"),
            pgettext("report", "Organiser"),
            pgettext("report", "Place"),
            pgettext("report", "Person-times"),
            pgettext("report", "Cost (VND)"),
        ],
        rows,
        sum_columns=[7, 8],
    )


def _list_outcomes(workbook, rows):
    def convert(row):
        return [*row[:7], number_value(row[7]), row[8], number_value(row[9]), number_value(row[10])]

    sheet = Sheet(
        workbook, pgettext("report", "Outcome list"), [16, 40, 18, 35, 30, 22, 10, 16, 10, 16, 14], freeze="A2"
    )
    sheet.header(
        [
            pgettext("report", "Tax code"),
            pgettext("report", "Enterprise"),
            pgettext("report", "Reference"),
            pgettext("report", "Support scheme"),
            pgettext("report", "Sector"),
            pgettext("report", "Administrative unit"),
            pgettext("report", "Baseline year"),
            pgettext("report", "Productivity before (VND million a person)"),
            pgettext("report", "Year after"),
            pgettext("report", "Productivity after (VND million a person)"),
            pgettext("report", "Change (%)"),
        ]
    )
    for row in rows:
        sheet.row(convert(row), kinds=[*["text"] * 6, "integer", "decimal", "integer", "decimal", "decimal"])


def _list_activities(workbook, rows):
    from programs.models import ActivityKind

    def convert(row):
        date, group, task, title, kind, organisation, cost, source, results = row
        return [date, group, task or "", title, _label(ActivityKind, kind), organisation, cost, source or "", results]

    _list_sheet(
        workbook,
        pgettext("report", "Activity list"),
        [14, 8, 8, 45, 22, 30, 18, 30, 50],
        [
            pgettext("report", "Date"),
            pgettext("report", "Group"),
            pgettext("report", "Task"),
            pgettext("report", "Activity"),
            pgettext("report", "Kind"),
            pgettext("report", "Responsible organisation"),
            pgettext("report", "Cost (VND)"),
            pgettext("report", "Funding source"),
            pgettext("report", "Results"),
        ],
        rows,
        sum_columns=[7],
        convert=convert,
    )
