"""The shared report builder: collects the figures of every section once, freezes them as JSON,
and writes the XLSX and the PDF from those same figures (the long lists stream from the DB).

Every section counts over the same ranges — the plan's data years that meet the report's data
period, each cut to it (``programs.periods.report_periods``) — as of the run's
``figures_as_of``; money is counted from the dated ledger up to the last day of the period. So
a figure has one value throughout a report, and building the same run again (after later
payments or attendance) gives the same figures and byte-identical files: nothing in them
depends on the time of the build.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import pgettext

from programs.periods import Periods, data_year, report_periods
from reports import selectors
from reports.models import ReportRun

FIGURES_VERSION = 2


def annual_period(plan, year: int) -> tuple[datetime.date, datetime.date]:
    """The plan's data year ``year`` (Decree 09/2019 by default: 15 Dec of year−1 to 14 Dec)."""
    days = data_year(plan, year)
    return days.start, days.end


def _dec(value) -> str | None:
    """Numbers are frozen as plain strings ("50", "53.33", never "5E+1"), so none loses precision in JSON."""
    if value is None:
        return None
    return format(Decimal(str(value)).normalize(), "f")


@dataclass
class BuildOutput:
    figures: dict
    xlsx_path: Path
    pdf_bytes: bytes


class ReportBuilder:
    """One report kind: its default data period, its title line, and how it is built."""

    kind: str = ""

    def __init__(self, run: ReportRun, *, on_progress: Callable[[int], None] | None = None):
        self.run = run
        self.plan = run.plan
        self.on_progress = on_progress or (lambda percent: None)

    # --- Rules per kind -----------------------------------------------------------------------
    @classmethod
    def default_period(cls, *, plan, year: int | None = None) -> tuple[datetime.date, datetime.date]:
        raise NotImplementedError

    def summary_line(self) -> str:
        raise NotImplementedError

    def include_yearly_appendix(self) -> bool:
        return True

    def include_outcomes(self) -> bool:
        """Outcomes of supported enterprises: a section of the two-year and five-year reports."""
        return False

    # --- Figures --------------------------------------------------------------------------------
    @property
    def periods(self) -> Periods:
        return report_periods(self.plan, self.run.data_from, self.run.data_to)

    @property
    def years(self) -> tuple[int, int]:
        numbers = self.periods.year_numbers
        return numbers[0], numbers[-1]

    def collect(self) -> dict:
        """Every figure the report prints, JSON-safe (Decimals as strings, dates ISO)."""
        run, plan = self.run, self.plan
        periods, as_of, cutoff = self.periods, run.figures_as_of, run.data_to
        self.on_progress(10)
        results = selectors.task_group_results(plan=plan, data_from=run.data_from, data_to=run.data_to)
        self.on_progress(20)
        kpis = selectors.kpi_results(plan=plan, periods=periods, as_of=as_of)
        self.on_progress(35)
        support = selectors.support_summary(plan=plan, periods=periods, cutoff=cutoff, as_of=as_of)
        outcomes = (
            selectors.outcome_summary(plan=plan, within=periods.whole, as_of=as_of) if self.include_outcomes() else None
        )
        training = selectors.training_summary(plan=plan, periods=periods, as_of=as_of)
        partners = selectors.partner_contributions(plan=plan, within=periods.whole, as_of=as_of)
        self.on_progress(45)
        budget_rows = selectors.budget_rows(plan=plan, periods=periods, cutoff=cutoff, as_of=as_of)
        self.on_progress(50)
        return {
            "version": FIGURES_VERSION,
            "plan": {
                "id": plan.pk,
                "title": plan.title,
                "short_title": plan.short_title,
                "parent_agency": plan.parent_agency,
                "agency": plan.agency,
                "agency_abbreviation": plan.agency_abbreviation,
                "province": plan.province_name,
                "data_year_starts": f"{plan.data_year_start_day:02d}/{plan.data_year_start_month:02d}",
            },
            "period": {
                "data_from": run.data_from.isoformat(),
                "data_to": run.data_to.isoformat(),
                "money_cutoff": cutoff.isoformat(),
                "as_of": timezone.localtime(as_of).isoformat(timespec="seconds"),
                "year_from": periods.years[0].year,
                "year_to": periods.years[-1].year,
                "years": periods.year_numbers,
                "ranges": [{"year": y.year, **y.range.as_json()} for y in periods.years],
            },
            "results": results,
            "kpis": None if kpis is None else [self._kpi(r) for r in kpis],
            "support": support,
            "outcomes_included": self.include_outcomes(),
            "outcomes": outcomes,
            "training": training,
            "partners": partners,
            "budget": self._budget(budget_rows),
        }

    @staticmethod
    def _kpi(result) -> dict:
        yearly = []
        for year in result.years:
            target = result.yearly_target.get(year)
            yearly.append(
                {
                    "year": year,
                    "actual": _dec(result.yearly_actual.get(year)),
                    "target": target.as_json() if target else None,
                    "target_min": _dec(target.low) if target else None,
                    "target_max": _dec(target.high) if target else None,
                    "growth": _dec(result.yearly_growth.get(year)),
                }
            )
        return {
            "code": result.code,
            "name": result.name,
            "unit": result.unit,
            "kind": str(result.kind),
            "is_growth": result.is_growth,
            "has_measure": result.has_measure,
            "target": result.target.as_json(),
            "target_min": _dec(result.target_min),
            "target_max": _dec(result.target_max),
            "yearly": yearly,
            "period_actual": _dec(result.period_actual) if not result.is_growth else _dec(result.period_actual),
            "rate": _dec(result.rate),
            "percent_of_target": _dec(result.percent_of_target),
            "status": str(result.status),
        }

    @staticmethod
    def _budget(rows: list[dict] | None) -> dict | None:
        if rows is None:
            return None
        keys = selectors.BUDGET_KEYS
        by_source: dict[str, dict] = {}
        by_year: dict[int, dict] = defaultdict(lambda: dict.fromkeys(keys, 0))
        for row in rows:
            source = by_source.setdefault(row["source_code"], {"source": row["source"], **dict.fromkeys(keys, 0)})
            for key in keys:
                source[key] += row[key]
                by_year[row["year"]][key] += row[key]
        total = {key: sum(row[key] for row in rows) for key in keys}
        return {
            "rows": rows,
            "by_source": list(by_source.values()),
            "by_year": [{"year": year, **values} for year, values in sorted(by_year.items())],
            "total": total,
        }

    def header(self) -> dict:
        """Decree 30 header and signature data (frozen with the figures)."""
        from reports.formatting import document_number, place_and_date

        run, plan = self.run, self.plan
        place = run.place or plan.report_place or plan.province_name
        return {
            "parent_agency": plan.parent_agency.upper(),
            "agency": plan.agency.upper(),
            "number": document_number(run.number, plan.agency_abbreviation),
            "place_date": place_and_date(place, run.report_date),
            "title": pgettext("report", "REPORT"),
            "summary": self.summary_line(),
            "signer_name": run.signer_name,
            "signer_title": run.signer_title,
            "recipients": [line.strip() for line in run.recipients.splitlines() if line.strip()],
            "has_lessons": run.has_lessons,
            "narrative": {
                "shortcomings": run.shortcomings,
                "lessons": run.lessons if run.has_lessons else "",
                "next_tasks": run.next_tasks,
                "proposals": run.proposals,
            },
            "version": run.version,
        }

    # --- Build ----------------------------------------------------------------------------------
    def build(self, *, workdir: Path) -> BuildOutput:
        """Collect the figures, then write the draft files from them."""
        with translation.override(settings.LANGUAGE_CODE):
            figures = self.collect()
            figures["header"] = self.header()
            figures["include_yearly_appendix"] = self.include_yearly_appendix()
        return self.render(figures=figures, workdir=workdir)

    def render_final(self, *, workdir: Path) -> BuildOutput:
        """The final files: the frozen figures of the approved draft (never a recount), with the
        header and narrative as they stand at approval, and no draft mark."""
        with translation.override(settings.LANGUAGE_CODE):
            figures = {**self.run.figures, "header": self.header()}
        return self.render(figures=figures, workdir=workdir)

    def render(self, *, figures: dict, workdir: Path) -> BuildOutput:
        """Write the XLSX (streamed to a file in ``workdir``) and the PDF from ``figures``; the
        draft mark is on unless the run is final. The same inputs give the same bytes."""
        from .pdf import render_pdf
        from .xlsx import write_xlsx

        final = self.run.is_final
        with translation.override(settings.LANGUAGE_CODE):
            xlsx_path = workdir / "report.xlsx"
            write_xlsx(figures=figures, builder=self, path=xlsx_path, final=final)
            self.on_progress(75)
            pdf_bytes = render_pdf(figures=figures, final=final)
            self.on_progress(95)
        return BuildOutput(figures=figures, xlsx_path=xlsx_path, pdf_bytes=pdf_bytes)

    @property
    def file_moment(self) -> datetime.datetime:
        """The date written into the files' properties: the run's figures-as-of moment."""
        return self.run.figures_as_of

    # Streamed detail rows for the list sheets (not frozen: they are the records themselves,
    # read with the same ranges, cut-off and as-of moment as the figures).
    def detail_rows(self, name: str):
        run, whole = self.run, self.periods.whole
        if name == "activities":
            return selectors.activity_rows(plan=self.plan, data_from=run.data_from, data_to=run.data_to)
        if name == "courses":
            return selectors.course_rows(plan=self.plan, within=whole, as_of=run.figures_as_of)
        if name == "outcomes":
            return selectors.outcome_rows(plan=self.plan, within=whole, as_of=run.figures_as_of)
        reader = {"enterprises": selectors.supported_enterprise_rows, "applications": selectors.application_rows}[name]
        return reader(plan=self.plan, within=whole, cutoff=run.data_to, as_of=run.figures_as_of)
