"""Filters of the staff work queue."""

import datetime

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core import clock
from enterprises.models import AdministrativeUnit, Sector, UnitLevel
from programs.models import Plan

from . import deadlines
from .models import CLOSED_STATUSES, Status, SupportApplication, SupportScheme
from .selectors import staff_users


class WorkQueueFilter(django_filters.FilterSet):
    """The staff queue's filters; by default it shows the applications still open (not closed)."""

    OPEN = "open"
    ALL = "all"
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (OPEN, _("Open (not closed)")),
            (ALL, _("All states")),
            *[c for c in Status.choices if c[0] != Status.DRAFT],
        ],
        method="filter_status",
        empty_label=None,
    )
    plan = django_filters.ModelChoiceFilter(label=_("Plan"), field_name="scheme__plan", queryset=Plan.objects.none())
    year = django_filters.NumberFilter(label=_("Year"), field_name="year", min_value=2000, max_value=2100)
    scheme = django_filters.ModelChoiceFilter(label=_("Scheme"), queryset=SupportScheme.objects.all())
    unit = django_filters.ModelChoiceFilter(
        label=_("District or province"),
        method="filter_unit",
        queryset=AdministrativeUnit.objects.filter(level__in=(UnitLevel.PROVINCE, UnitLevel.DISTRICT)).order_by("code"),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), method="filter_sector", queryset=Sector.objects.filter(level=1).order_by("code")
    )
    reviewer = django_filters.ModelChoiceFilter(label=_("Assigned to"), queryset=staff_users(agency_ids=()))
    waiting = django_filters.NumberFilter(
        label=_("Waiting at least (days)"), method="filter_waiting", min_value=0, max_value=36_500, decimal_places=0
    )
    LATE = "late"
    DUE_SOON = "due_soon"
    deadline = django_filters.ChoiceFilter(
        label=_("Due date"),
        choices=[(LATE, _("Late (due date passed)")), (DUE_SOON, _("Due soon (within 3 working days)"))],
        method="filter_deadline",
        empty_label=_("Any"),
    )
    BY_WAITING = "waiting"
    BY_DUE = "due"
    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[(BY_WAITING, _("Longest waiting first")), (BY_DUE, _("Earliest due date first"))],
        method="sort_by",
        empty_label=None,
    )

    class Meta:
        model = SupportApplication
        fields = ["status", "plan", "year", "scheme", "unit", "sector", "reviewer", "waiting", "deadline", "sort"]

    def filter_deadline(self, queryset, name, value):
        if value == self.LATE:
            return deadlines.late(queryset, today=clock.today())
        if value == self.DUE_SOON:
            return deadlines.due_soon(queryset, today=clock.today())
        return queryset

    def sort_by(self, queryset, name, value):
        if value == self.BY_DUE:
            return queryset.order_by(F("due_on").asc(nulls_last=True), "status_changed_at", "pk")
        return queryset

    def __init__(self, *args, user, **kwargs):
        from programs.agencies import agency_ids_for

        super().__init__(*args, **kwargs)
        agencies = agency_ids_for(user)
        self.filters["scheme"].queryset = SupportScheme.objects.filter(plan__agency__in=agencies)
        self.filters["plan"].queryset = Plan.objects.filter(agency__in=agencies).order_by("-start_year", "title")
        self.filters["reviewer"].queryset = staff_users(agency_ids=agencies)

    def filter_status(self, queryset, name, value):
        if value == self.ALL:
            return queryset
        if value == self.OPEN:
            return queryset.exclude(status__in=CLOSED_STATUSES)
        return queryset.filter(status=value)

    def filter_unit(self, queryset, name, value):
        return queryset.filter(
            Q(enterprise__unit=value) | Q(enterprise__unit__parent=value) | Q(enterprise__unit__parent__parent=value)
        )

    def filter_sector(self, queryset, name, value):
        return queryset.filter(Q(enterprise__sector=value) | Q(enterprise__sector__parent=value))

    def filter_waiting(self, queryset, name, value):
        return queryset.filter(status_changed_at__lte=clock.now() - datetime.timedelta(days=int(value)))
