"""The later sheets: budget, partners, the narrative and the yearly appendix."""

from django.utils.translation import pgettext

from reports import selectors

from .results import _dmy, _iso, _label, _no_data
from .sheet import Sheet, number_value


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
