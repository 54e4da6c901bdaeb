"""The first sheets: the report's particulars, results by task group, KPIs, support, outcomes and training."""

import datetime

from django.utils.translation import pgettext

from programs.targets import Status

from .sheet import Sheet, number_value


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
