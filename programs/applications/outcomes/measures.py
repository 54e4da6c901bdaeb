"""The outcome KPI measures, registered in ``programs.measures`` like the other measures (see
``ApplicationsConfig.ready``). Each reads the cohort of the plan (``figures.cohort``: support
decided in the range) and counts it by the date of the support decision; ``distinct`` gives the
figure over the whole range (an enterprise once, a median over all). Two queries a call."""

from django.utils.translation import gettext_lazy as _

from programs.measures import Measure
from programs.periods import DateRange

from . import figures, rules


def _rows(plan, within: DateRange, as_of):
    return figures.outcome_rows(figures.cohort(plan=plan, within=within, as_of=as_of), as_of=as_of)


def _bucketed(plan, ranges: list[DateRange], as_of) -> list[list]:
    """The cohort's enterprise rows of each range (two queries for all the ranges)."""
    if not ranges:
        return []
    whole = DateRange(min(r.start for r in ranges), max(r.end for r in ranges))
    buckets = [[] for _ in ranges]
    for row in _rows(plan, whole, as_of):
        for index, days in enumerate(ranges):
            if row.decision_date in days:
                buckets[index].append(row)
                break
    return buckets


def _changes(rows):
    return [r.change for r in rows if r.change is not None]


def _share(rows):
    changes = _changes(rows)
    return rules.share_percent(sum(1 for c in changes if c > 0), len(changes))


def enterprises_counts(*, plan, indicator=None, ranges, as_of=None) -> list[int]:
    """Supported enterprises with figures before and after the support, by range of the decision."""
    return [len(rows) for rows in _bucketed(plan, ranges, as_of)]


def enterprises_distinct(*, plan, indicator=None, within, as_of=None) -> int:
    return len(_rows(plan, within, as_of))


def median_change_counts(*, plan, indicator=None, ranges, as_of=None) -> list:
    """Median change in labour productivity (%) of the enterprises decided in each range."""
    return [rules.median(_changes(rows)) or 0 for rows in _bucketed(plan, ranges, as_of)]


def median_change_distinct(*, plan, indicator=None, within, as_of=None):
    return rules.median(_changes(_rows(plan, within, as_of)))


def improved_share_counts(*, plan, indicator=None, ranges, as_of=None) -> list:
    """Share (%) of the enterprises decided in each range whose labour productivity rose."""
    return [_share(rows) or 0 for rows in _bucketed(plan, ranges, as_of)]


def improved_share_distinct(*, plan, indicator=None, within, as_of=None):
    return _share(_rows(plan, within, as_of))


def certificates_counts(*, plan, indicator=None, ranges, as_of=None) -> list[int]:
    """Certificates obtained after the support (distinct enterprise and standard), by range of the decision."""
    return [
        sum(c.count for c in figures.certificate_counts(figures.cohort(plan=plan, within=r, as_of=as_of), as_of=as_of))
        for r in ranges
    ]


def certificates_distinct(*, plan, indicator=None, within, as_of=None) -> int:
    applications = figures.cohort(plan=plan, within=within, as_of=as_of)
    return sum(c.count for c in figures.certificate_counts(applications, as_of=as_of))


RULE = _(
    "Enterprises with an application under one of the plan's schemes whose support was decided in the range "
    "and that gave figures before and after the support; labour productivity = value added ÷ employees; "
    "the change compares the baseline with the latest later figures."
)
MEASURES = (
    Measure(
        key="applications.outcome_enterprises",
        label=_("Supported enterprises with outcome figures"),
        counts=enterprises_counts,
        distinct=enterprises_distinct,
        rule=RULE,
    ),
    Measure(
        key="applications.productivity_median_change",
        label=_("Median change in labour productivity of supported enterprises (%)"),
        counts=median_change_counts,
        distinct=median_change_distinct,
        rule=RULE,
    ),
    Measure(
        key="applications.productivity_improved_share",
        label=_("Share of supported enterprises whose labour productivity rose (%)"),
        counts=improved_share_counts,
        distinct=improved_share_distinct,
        rule=RULE,
    ),
    Measure(
        key="applications.certificates",
        label=_("Certificates obtained after the support"),
        counts=certificates_counts,
        distinct=certificates_distinct,
        rule=_(
            "Distinct (enterprise, standard) certificates named in the figures at completion or one year after "
            "acceptance, of applications whose support was decided in the range."
        ),
    ),
)


def register_outcome_measures(register) -> None:
    for measure in MEASURES:
        register(measure)
