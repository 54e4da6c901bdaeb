"""The detail lists (enterprises, applications, courses, outcomes, activities) with their totals."""

from django.utils.translation import pgettext

from .results import _label
from .sheet import Sheet, number_value


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
