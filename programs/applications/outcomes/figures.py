"""The aggregates of outcome figures: per enterprise, then by scheme, sector and unit, and the
certificates obtained by standard. The dashboard, the public page, the reports and the KPI
measures all call ``outcome_rows`` / ``outcome_summary``; nothing else computes them.

Rules (``rules`` has the per-application ones):

- The **cohort** of a period is the plan's applications whose support was decided in it (the same
  applications the "supported enterprises" measure counts), with every outcome report given so
  far: the follow-up of a project decided in the period comes after the period ends. ``as_of``
  (a date) leaves out reports given later, for a report that must keep its figures when rebuilt.
- An enterprise **has outcome data** when one of its cohort applications has a baseline and a
  later report (completion or follow-up). It appears once, with its latest decided application
  that has a computable change (else its latest with data); groups (scheme, VSIC section,
  district-level unit) use that application's scheme and the enterprise's sector and unit.
- **Certificates** are the distinct (enterprise, standard) pairs named in completion or follow-up
  reports of the cohort, counted by standard.
- **Public figures** never show one enterprise: a group of fewer than ``MIN_GROUP`` enterprises is
  merged into "Other"; when "Other" is still smaller, the smallest shown group joins it, until
  every shown group has at least ``MIN_GROUP`` (so no group can be worked out by subtraction
  either). With fewer than ``MIN_GROUP`` enterprises in all, nothing but that fact is shown.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from programs.periods import DateRange

from ..models import OutcomeReport, OutcomeStage
from . import rules

MIN_GROUP = 3
LATER_STAGES = (OutcomeStage.FOLLOW_UP, OutcomeStage.COMPLETION)  # preferred first


@dataclass
class EnterpriseOutcome:
    """One enterprise's outcome (from one application) — internal: never shown in public."""

    enterprise_id: int
    tax_code: str
    enterprise: str
    application_id: int
    reference_code: str
    decision_date: datetime.date | None
    scheme: str
    sector: str
    unit: str
    baseline_year: int
    after_year: int
    after_stage: str
    baseline_productivity: Decimal | None
    after_productivity: Decimal | None
    change: Decimal | None

    @property
    def improved(self) -> bool | None:
        return None if self.change is None else self.change > 0


@dataclass
class OutcomeGroup:
    name: str
    enterprises: int = 0
    changes: list[Decimal] = field(default_factory=list, repr=False)
    improved: int = 0
    is_other: bool = False

    @property
    def with_change(self) -> int:
        return len(self.changes)

    @property
    def median_change(self) -> Decimal | None:
        return rules.median(self.changes)

    @property
    def improved_share(self) -> Decimal | None:
        return rules.share_percent(self.improved, self.with_change)

    def add(self, row: EnterpriseOutcome) -> None:
        self.enterprises += 1
        if row.change is not None:
            self.changes.append(row.change)
            self.improved += 1 if row.improved else 0

    def merge(self, other: "OutcomeGroup") -> None:
        self.enterprises += other.enterprises
        self.changes += other.changes
        self.improved += other.improved

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "is_other": self.is_other,
            "enterprises": self.enterprises,
            "with_change": self.with_change,
            "median_change": _text(self.median_change),
            "improved": self.improved,
            "improved_share": _text(self.improved_share),
        }


@dataclass
class CertificateCount:
    standard: str
    count: int
    is_other: bool = False


@dataclass
class OutcomeSummary:
    total: OutcomeGroup
    by_scheme: list[OutcomeGroup]
    by_sector: list[OutcomeGroup]
    by_unit: list[OutcomeGroup]
    certificates: list[CertificateCount]
    min_group: int = 0  # 0: every group shown (internal)

    @property
    def shown(self) -> bool:
        return self.total.enterprises >= self.min_group and (self.total.enterprises > 0 or not self.min_group)

    @property
    def certificates_total(self) -> int:
        return sum(c.count for c in self.certificates)

    def dimensions(self):
        return (("scheme", self.by_scheme), ("sector", self.by_sector), ("unit", self.by_unit))

    def as_json(self) -> dict:
        return {
            "min_group": self.min_group,
            "total": self.total.as_json(),
            **{f"by_{key}": [g.as_json() for g in groups] for key, groups in self.dimensions()},
            "certificates": [
                {"standard": c.standard, "count": c.count, "is_other": c.is_other} for c in self.certificates
            ],
            "certificates_total": self.certificates_total,
        }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def cohort(*, plan, within: DateRange | None = None, as_of=None):
    """The plan's applications whose support was decided within the range — the very applications
    the "supported enterprises" measure counts (not evaluated)."""
    from ..measures import supported_applications

    return supported_applications(plan=plan, within=within, as_of=as_of)


def _reports(as_of):
    """Outcome reports given by ``as_of`` (a datetime or date; None: all)."""
    reports = OutcomeReport.objects.select_related("certificate_standard")
    if as_of is not None:
        day = timezone.localdate(as_of) if isinstance(as_of, datetime.datetime) else as_of
        reports = reports.filter(reported_on__lte=day)
    return reports


def _section(sector) -> str:
    if sector is None:
        return ""
    section = sector.parent if sector.level != 1 and sector.parent_id else sector
    return f"{section.code} – {section.name}"


def _district(unit) -> str:
    if unit is None:
        return ""
    if unit.level == "commune" and unit.parent_id:
        return unit.parent.name
    return unit.name


def _row(application, reports: dict) -> EnterpriseOutcome | None:
    baseline = reports.get(OutcomeStage.BASELINE)
    after = next((reports[s] for s in LATER_STAGES if s in reports), None)
    if baseline is None or after is None:
        return None
    enterprise = application.enterprise
    before_p, after_p = baseline.labour_productivity, after.labour_productivity
    return EnterpriseOutcome(
        enterprise_id=enterprise.pk,
        tax_code=enterprise.tax_code,
        enterprise=enterprise.name,
        application_id=application.pk,
        reference_code=application.reference_code or "",
        decision_date=application.decision_date,
        scheme=application.scheme.title,
        sector=_section(enterprise.sector),
        unit=_district(enterprise.unit),
        baseline_year=baseline.year,
        after_year=after.year,
        after_stage=after.stage,
        baseline_productivity=before_p,
        after_productivity=after_p,
        change=rules.change_percent(before_p, after_p),
    )


def _load(applications, as_of):
    """The applications with a baseline and a later report by ``as_of``, with those reports: the
    applications without outcome data (most of them) are never read."""
    reports = _reports(as_of)

    def has(stages):
        return Exists(reports.filter(application=OuterRef("pk"), stage__in=stages))

    return (
        applications.filter(has([OutcomeStage.BASELINE]), has(LATER_STAGES))
        .select_related("scheme", "enterprise__sector__parent", "enterprise__unit__parent")
        .prefetch_related(Prefetch("outcome_reports", queryset=reports, to_attr="outcomes_as_of"))
        .order_by("decision_date", "pk")
    )


def outcome_rows(applications, *, as_of: datetime.date | None = None) -> list[EnterpriseOutcome]:
    """One row per enterprise with outcome data among ``applications`` (two queries), by name."""
    best: dict[int, EnterpriseOutcome] = {}
    for application in _load(applications, as_of):
        row = _row(application, {r.stage: r for r in application.outcomes_as_of})
        if row is None:
            continue
        current = best.get(row.enterprise_id)
        # Later decisions replace earlier ones, unless they have no change and the earlier one has.
        if current is None or row.change is not None or current.change is None:
            best[row.enterprise_id] = row
    return sorted(best.values(), key=lambda r: (r.enterprise, r.enterprise_id))


def certificate_counts(applications, *, as_of: datetime.date | None = None) -> list[CertificateCount]:
    """Distinct (enterprise, standard) certificates named after the support, by standard (one query)."""
    pairs = (
        _reports(as_of)
        .filter(application__in=applications, stage__in=LATER_STAGES)
        .exclude(Q(certificate_standard__isnull=True) | Q(certificate_number=""))
        .values_list("application__enterprise_id", "certificate_standard__name", "certificate_standard__order")
        .distinct()
    )
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for _enterprise, name, order in pairs:
        counts[(order, name)] += 1
    return [CertificateCount(standard=name, count=n) for (_order, name), n in sorted(counts.items())]


def _groups(rows, key) -> list[OutcomeGroup]:
    groups: dict[str, OutcomeGroup] = {}
    for row in rows:
        name = getattr(row, key)
        groups.setdefault(name, OutcomeGroup(name=name)).add(row)
    return sorted(groups.values(), key=lambda g: (g.name == "", g.name))


def suppress_small(groups: list[OutcomeGroup], min_group: int, other_name: str) -> list[OutcomeGroup]:
    """Merge groups of fewer than ``min_group`` enterprises into one "Other" group (and, while that
    is still too small, the smallest shown group too) — see the module docstring."""
    shown = sorted((g for g in groups if g.enterprises >= min_group), key=lambda g: (g.enterprises, g.name))
    small = [g for g in groups if g.enterprises < min_group]
    if not small:
        return groups
    other = OutcomeGroup(name=other_name, is_other=True)
    for group in small:
        other.merge(group)
    while other.enterprises < min_group and shown:
        other.merge(shown.pop(0))
    kept = sorted(shown, key=lambda g: (g.name == "", g.name))
    return [*kept, other] if other.enterprises >= min_group else kept


def _suppress_certificates(counts: list[CertificateCount], min_group: int, other_name: str) -> list[CertificateCount]:
    shown = sorted((c for c in counts if c.count >= min_group), key=lambda c: (c.count, c.standard))
    other = sum(c.count for c in counts if c.count < min_group)
    if not other:
        return counts
    while other < min_group and shown:
        other += shown.pop(0).count
    kept = [c for c in counts if c in shown]
    return [*kept, CertificateCount(other_name, other, is_other=True)] if other >= min_group else kept


def outcome_summary(applications, *, as_of: datetime.date | None = None, public: bool = False) -> OutcomeSummary:
    """Totals, groups and certificates of ``applications`` (three queries); ``public`` applies the
    minimum group size."""
    from django.utils.translation import gettext as _

    rows = outcome_rows(applications, as_of=as_of)
    total = OutcomeGroup(name="")
    for row in rows:
        total.add(row)
    summary = OutcomeSummary(
        total=total,
        by_scheme=_groups(rows, "scheme"),
        by_sector=_groups(rows, "sector"),
        by_unit=_groups(rows, "unit"),
        certificates=certificate_counts(applications, as_of=as_of),
    )
    if not public:
        return summary
    other = _("Other (groups of fewer than %(n)s enterprises)") % {"n": MIN_GROUP}
    if total.enterprises < MIN_GROUP:
        return OutcomeSummary(
            total=OutcomeGroup(name=""), by_scheme=[], by_sector=[], by_unit=[], certificates=[], min_group=MIN_GROUP
        )
    return OutcomeSummary(
        total=total,
        by_scheme=suppress_small(summary.by_scheme, MIN_GROUP, other),
        by_sector=suppress_small(summary.by_sector, MIN_GROUP, other),
        by_unit=suppress_small(summary.by_unit, MIN_GROUP, other),
        certificates=_suppress_certificates(summary.certificates, MIN_GROUP, _("Other standards")),
        min_group=MIN_GROUP,
    )
