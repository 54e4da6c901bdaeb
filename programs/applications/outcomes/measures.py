"""The outcome KPI measures, registered in ``programs.measures`` like the other measures (see
``ApplicationsConfig.ready``). Each counts the cohort of a plan (``figures.cohort``) by the year of
its support decision; ``period`` gives the figure over the whole span (an enterprise once)."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from . import figures, rules


def _plan(indicator):
    objective = getattr(indicator, "objective", None) if indicator is not None else None
    return objective.plan if objective is not None else None


def _rows(indicator, year_from, year_to):
    return figures.outcome_rows(figures.cohort(plan=_plan(indicator), year_from=year_from, year_to=year_to))


def _by_year(rows) -> dict[int, list]:
    years = defaultdict(list)
    for row in rows:
        years[row.decision_date.year].append(row)
    return years


def enterprises_yearly(*, indicator=None, year_from: int, year_to: int) -> dict[int, int]:
    """Supported enterprises with outcome data, by year of the support decision."""
    return {year: len(rows) for year, rows in sorted(_by_year(_rows(indicator, year_from, year_to)).items())}


def enterprises_period(*, indicator=None, year_from: int, year_to: int) -> int:
    return len(_rows(indicator, year_from, year_to))


def _changes(rows):
    return [r.change for r in rows if r.change is not None]


def median_change_yearly(*, indicator=None, year_from: int, year_to: int) -> dict:
    """Median change in labour productivity (%), by year of the support decision."""
    years = _by_year(_rows(indicator, year_from, year_to))
    return {year: value for year, rows in sorted(years.items()) if (value := rules.median(_changes(rows))) is not None}


def median_change_period(*, indicator=None, year_from: int, year_to: int):
    return rules.median(_changes(_rows(indicator, year_from, year_to)))


def _share(rows):
    changes = _changes(rows)
    return rules.share_percent(sum(1 for c in changes if c > 0), len(changes))


def improved_share_yearly(*, indicator=None, year_from: int, year_to: int) -> dict:
    """Share (%) of enterprises whose labour productivity rose, by year of the support decision."""
    years = _by_year(_rows(indicator, year_from, year_to))
    return {year: value for year, rows in sorted(years.items()) if (value := _share(rows)) is not None}


def improved_share_period(*, indicator=None, year_from: int, year_to: int):
    return _share(_rows(indicator, year_from, year_to))


def certificates_yearly(*, indicator=None, year_from: int, year_to: int) -> dict[int, int]:
    """Certificates obtained after the support (distinct enterprise and standard), by decision year."""
    counts = {}
    for year in range(year_from, year_to + 1):
        applications = figures.cohort(plan=_plan(indicator), year_from=year, year_to=year)
        total = sum(c.count for c in figures.certificate_counts(applications))
        if total:
            counts[year] = total
    return counts


def certificates_period(*, indicator=None, year_from: int, year_to: int) -> int:
    applications = figures.cohort(plan=_plan(indicator), year_from=year_from, year_to=year_to)
    return sum(c.count for c in figures.certificate_counts(applications))


MEASURES = (
    (
        "applications.outcome_enterprises",
        _("Supported enterprises with outcome figures"),
        enterprises_yearly,
        enterprises_period,
    ),
    (
        "applications.productivity_median_change",
        _("Median change in labour productivity of supported enterprises (%)"),
        median_change_yearly,
        median_change_period,
    ),
    (
        "applications.productivity_improved_share",
        _("Share of supported enterprises whose labour productivity rose (%)"),
        improved_share_yearly,
        improved_share_period,
    ),
    (
        "applications.certificates",
        _("Certificates obtained after the support"),
        certificates_yearly,
        certificates_period,
    ),
)


def register_outcome_measures(register, measure_class) -> None:
    for key, label, yearly, period in MEASURES:
        register(measure_class(key=key, label=label, yearly=yearly, period=period))
