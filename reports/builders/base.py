"""The shared report builder: collects the figures of every section once, freezes them as JSON,
and writes the XLSX and the PDF from those same figures (the long lists stream from the DB)."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext

from core import clock
from reports import selectors
from reports.models import ReportRun

FIGURES_VERSION = 1


def annual_period(year: int) -> tuple[datetime.date, datetime.date]:
    """Decree 09/2019 annual data period: 15 Dec of the previous year to 14 Dec of the year."""
    return datetime.date(year - 1, 12, 15), datetime.date(year, 12, 14)


def years_of_period(data_from: datetime.date, data_to: datetime.date) -> tuple[int, int]:
    """The calendar years a data period reports on: a period starting on or after 15 Dec starts
    the next year's data (Decree 09), so 15/12/2020–14/12/2025 covers 2021-2025."""
    year_from = data_from.year + (1 if (data_from.month, data_from.day) >= (12, 15) else 0)
    year_to = data_to.year
    return min(year_from, year_to), year_to


def _dec(value) -> str | None:
    """Decimals are frozen as strings, so no figure loses precision in JSON."""
    if value is None:
        return None
    return str(Decimal(str(value)).normalize()) if not isinstance(value, int) else str(value)


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
    def years(self) -> tuple[int, int]:
        year_from, year_to = years_of_period(self.run.data_from, self.run.data_to)
        # The KPI engine counts within the plan's years only.
        year_from = max(year_from, self.plan.start_year)
        year_to = min(year_to, self.plan.end_year)
        return (year_from, max(year_from, year_to))

    def collect(self) -> dict:
        """Every figure the report prints, JSON-safe (Decimals as strings, dates ISO)."""
        run, plan = self.run, self.plan
        year_from, year_to = self.years
        period = {"data_from": run.data_from, "data_to": run.data_to}
        self.on_progress(10)
        results = selectors.task_group_results(plan=plan, **period)
        self.on_progress(20)
        kpis = selectors.kpi_results(plan=plan, year_from=year_from, year_to=year_to)
        self.on_progress(35)
        support = selectors.support_summary(plan=plan, **period)
        outcomes = selectors.outcome_summary(plan=plan, **period) if self.include_outcomes() else None
        training = selectors.training_summary(plan=plan, **period)
        self.on_progress(45)
        budget_rows = selectors.budget_rows(plan=plan, year_from=year_from, year_to=year_to)
        self.on_progress(50)
        return {
            "version": FIGURES_VERSION,
            "built_at": clock.now().isoformat(),
            "plan": {
                "id": plan.pk,
                "title": plan.title,
                "short_title": plan.short_title,
                "parent_agency": plan.parent_agency,
                "agency": plan.agency,
                "agency_abbreviation": plan.agency_abbreviation,
                "province": plan.province_name,
            },
            "period": {
                "data_from": run.data_from.isoformat(),
                "data_to": run.data_to.isoformat(),
                "year_from": year_from,
                "year_to": year_to,
                "years": list(range(year_from, year_to + 1)),
            },
            "results": results,
            "kpis": None if kpis is None else [self._kpi(r) for r in kpis],
            "support": support,
            "outcomes_included": self.include_outcomes(),
            "outcomes": outcomes,
            "training": training,
            "budget": self._budget(budget_rows),
        }

    @staticmethod
    def _kpi(result) -> dict:
        target = getattr(result, "yearly_target", {}) or {}
        growth = getattr(result, "yearly_growth", {}) or {}
        yearly = []
        for year in result.years:
            bounds = target.get(year)
            yearly.append(
                {
                    "year": year,
                    "actual": _dec(result.yearly_actual.get(year)),
                    "target_min": _dec(bounds[0]) if bounds else None,
                    "target_max": _dec(bounds[1]) if bounds else None,
                    "growth": _dec(growth.get(year)),
                }
            )
        return {
            "code": result.code,
            "name": result.name,
            "unit": result.unit,
            "kind": str(result.kind),
            "target_min": _dec(result.target_min),
            "target_max": _dec(result.target_max),
            "yearly": yearly,
            "period_actual": _dec(result.period_actual),
            "cagr": _dec(result.cagr),
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
            "narrative": {
                "shortcomings": run.shortcomings,
                "next_tasks": run.next_tasks,
                "proposals": run.proposals,
            },
            "version": run.version,
        }

    # --- Build ----------------------------------------------------------------------------------
    def build(self, *, workdir: Path) -> BuildOutput:
        """Collect, then write the XLSX (streamed to a file in ``workdir``) and the PDF."""
        from .pdf import render_pdf
        from .xlsx import write_xlsx

        with translation.override(settings.LANGUAGE_CODE):
            figures = self.collect()
            figures["header"] = self.header()
            figures["include_yearly_appendix"] = self.include_yearly_appendix()
            xlsx_path = workdir / "report.xlsx"
            write_xlsx(figures=figures, builder=self, path=xlsx_path)
            self.on_progress(75)
            pdf_bytes = render_pdf(figures=figures)
            self.on_progress(95)
        return BuildOutput(figures=figures, xlsx_path=xlsx_path, pdf_bytes=pdf_bytes)

    # Streamed detail rows for the list sheets (not frozen: they are the records themselves).
    def detail_rows(self, name: str):
        period = {"plan": self.plan, "data_from": self.run.data_from, "data_to": self.run.data_to}
        return {
            "enterprises": selectors.supported_enterprise_rows,
            "applications": selectors.application_rows,
            "courses": selectors.course_rows,
            "activities": selectors.activity_rows,
            "outcomes": selectors.outcome_rows,
        }[name](**period)
