"""One builder per report kind: the data-period rule and the title line differ, the rest is shared."""

from django.utils.translation import gettext as _

from core import clock
from programs.periods import latest_ended_data_year, plan_span
from reports.models import ReportKind

from .base import ReportBuilder, annual_period


def _plan_name(plan) -> str:
    # "Kế hoạch ..." is written mid-sentence with a lower-case initial.
    title = plan.title
    return title[:1].lower() + title[1:] if title else str(plan)


class AnnualReport(ReportBuilder):
    """Results of one data year (Decree 09/2019 by default: 15 Dec of the previous year to 14 Dec)."""

    kind = ReportKind.ANNUAL

    @classmethod
    def default_period(cls, *, plan, year=None):
        if year is None:
            # The day after a data year ends, it is the year to report on.
            year = latest_ended_data_year(plan, clock.today())
            year = min(max(year, plan.start_year), plan.end_year)
        return annual_period(plan, year)

    def summary_line(self) -> str:
        return _("Results of carrying out the %(plan)s in %(year)s") % {
            "plan": _plan_name(self.plan),
            "year": self.years[1],
        }

    def include_yearly_appendix(self) -> bool:
        return False


class TwoYearReview(ReportBuilder):
    """Sơ kết: the plan's first two years, as Decree 09 data years (15 Dec before the start to
    14 Dec of the second year), so the review and the two annual reports add up."""

    kind = ReportKind.TWO_YEAR

    def include_outcomes(self) -> bool:
        return True

    @classmethod
    def default_period(cls, *, plan, year=None):
        start, _end = annual_period(plan, plan.start_year)
        _start, end = annual_period(plan, min(plan.start_year + 1, plan.end_year))
        return start, end

    def summary_line(self) -> str:
        year_from, year_to = self.years
        return _("Two-year review of carrying out the %(plan)s (%(from)s-%(to)s)") % {
            "plan": _plan_name(self.plan),
            "from": year_from,
            "to": year_to,
        }


class FiveYearSummary(ReportBuilder):
    """Tổng kết: the whole plan, 15 Dec before its first year to 14 Dec of its last."""

    kind = ReportKind.FIVE_YEAR

    def include_outcomes(self) -> bool:
        return True

    @classmethod
    def default_period(cls, *, plan, year=None):
        span = plan_span(plan)
        return span.start, span.end

    def summary_line(self) -> str:
        return _("Summary of %(years)s years of carrying out the %(plan)s") % {
            "plan": _plan_name(self.plan),
            "years": f"{len(self.plan.years):02d}",
        }


class AdHocReport(ReportBuilder):
    """On request: a period chosen by staff (default: from the plan's first day until today)."""

    kind = ReportKind.AD_HOC

    @classmethod
    def default_period(cls, *, plan, year=None):
        span = plan_span(plan)
        return span.start, max(span.start, min(clock.today(), span.end))

    def summary_line(self) -> str:
        run = self.run
        return _("Results of carrying out the %(plan)s from %(from)s to %(to)s") % {
            "plan": _plan_name(self.plan),
            "from": f"{run.data_from:%d/%m/%Y}",
            "to": f"{run.data_to:%d/%m/%Y}",
        }


BUILDERS: dict[str, type[ReportBuilder]] = {
    ReportKind.ANNUAL: AnnualReport,
    ReportKind.TWO_YEAR: TwoYearReview,
    ReportKind.FIVE_YEAR: FiveYearSummary,
    ReportKind.AD_HOC: AdHocReport,
}
