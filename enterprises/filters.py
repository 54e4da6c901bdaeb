"""The staff list's filters: period and unit, sector, size class, flags, verification, search, sort."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from core.text import fold

from .models import AdministrativeUnit, EnterpriseStatus, RepresentativeStatus, Sector, SizeClass, UnitLevel
from .sections import filter_supported
from .selectors import UnitRollup, units_valid_in

PLAN_START = datetime.date(2021, 1, 1)
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
VERIFICATION = [
    ("verified", _("Has a verified representative")),
    ("pending", _("Has a request awaiting verification")),
    ("none", _("No verified representative")),
]


def period_units(start: datetime.date, end: datetime.date):
    """The units a list can be grouped by in a period: district-level units while they existed,
    otherwise (after 1 Jul 2025) commune-level units."""
    units = units_valid_in(start, end)
    level = UnitLevel.DISTRICT if units.filter(level=UnitLevel.DISTRICT).exists() else UnitLevel.COMMUNE
    return units.filter(level=level).order_by("name")


def search(queryset, value: str):
    """Enterprises whose name, short name, address or tax code contains ``value`` (folded: "quang
    nam" finds "Quảng Nam"); a tax code may be typed with spaces or dots."""
    term = fold(value)
    if not term:
        return queryset
    condition = Q(search_text__contains=term)
    tax_code = term.replace(" ", "").replace(".", "")
    if tax_code != term and tax_code.replace("-", "").isdigit():
        condition |= Q(search_text__contains=tax_code)
    return queryset.filter(condition)


class UnitFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class EnterpriseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    period_from = django_filters.DateFilter(
        label=_("Period from"), method="filter_noop", widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = django_filters.DateFilter(
        label=_("Period to"), method="filter_noop", widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Administrative unit"),
        queryset=AdministrativeUnit.objects.none(),
        method="filter_unit",
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector (VSIC section)"), queryset=Sector.objects.none(), method="filter_sector"
    )
    size_class = django_filters.ChoiceFilter(label=_("Size class"), choices=SizeClass.choices)
    is_model = django_filters.ChoiceFilter(label=_("Model enterprise"), choices=YES_NO, method="filter_model")
    supported = django_filters.ChoiceFilter(label=_("Has received support"), choices=YES_NO, method="filter_supported")
    verification = django_filters.ChoiceFilter(
        label=_("Verification"), choices=VERIFICATION, method="filter_verification"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EnterpriseStatus.choices)
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("name", "name"),
            ("tax_code", "tax_code"),
            ("employees", "employees"),
            ("revenue", "revenue"),
            ("created_at", "created_at"),
        ),
        field_labels={
            "name": _("Name"),
            "tax_code": _("Tax code"),
            "employees": _("Employees"),
            "revenue": _("Revenue"),
            "created_at": _("Date recorded"),
        },
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.period = self._period()
        self.filters["unit"].queryset = period_units(*self.period)
        self.filters["unit"].field_class = UnitFilterField
        self.filters["sector"].queryset = Sector.objects.filter(level=1).order_by("classification", "code")
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm" if css == "form-control" else f"{css} form-select-sm"
        # Changing the period reloads the unit choices (HTMX; without JavaScript: Apply).
        for name in ("period_from", "period_to"):
            self.form.fields[name].widget.attrs.update(
                {
                    "data-hx-get": reverse("enterprises:unit_options"),
                    "data-hx-trigger": "change",
                    "data-hx-target": "#id_unit",
                    "data-hx-include": "#id_period_from, #id_period_to",
                }
            )

    def _period(self) -> tuple[datetime.date, datetime.date]:
        today = clock.today()
        values = []
        for name, default in (("period_from", PLAN_START), ("period_to", today)):
            try:
                values.append(datetime.date.fromisoformat((self.data or {}).get(name) or "") or default)
            except ValueError:
                values.append(default)
        start, end = values
        return (start, end) if start <= end else (end, start)

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        """Name, short name, tax code or address, ignoring case and diacritics: a substring of the
        folded ``search_text`` (a trigram index serves it on PostgreSQL; SQLite scans)."""
        return search(queryset, value)

    def filter_unit(self, queryset, name, unit):
        """Enterprises recorded on this unit, its communes, or units that became them by the end
        of the chosen period (old units roll up to new ones through the mappings)."""
        on = min(self.period[1], unit.valid_to) if unit.valid_to else self.period[1]
        return queryset.filter(unit_id__in=UnitRollup(on).members(unit))

    def filter_sector(self, queryset, name, sector):
        return queryset.filter(Q(sector=sector) | Q(sector__parent=sector))

    def filter_model(self, queryset, name, value):
        return queryset.filter(is_model=value == "yes")

    def filter_supported(self, queryset, name, value):
        return filter_supported(queryset, value == "yes")

    def filter_verification(self, queryset, name, value):
        verified = Q(representatives__status=RepresentativeStatus.VERIFIED)
        if value == "verified":
            return queryset.filter(pk__in=queryset.model.objects.filter(verified).values("pk"))
        if value == "pending":
            return queryset.filter(
                pk__in=queryset.model.objects.filter(representatives__status=RepresentativeStatus.PENDING).values("pk")
            )
        return queryset.exclude(pk__in=queryset.model.objects.filter(verified).values("pk"))
