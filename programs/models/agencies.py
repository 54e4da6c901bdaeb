"""Agencies (the departments that run plans) and the areas they cover over time."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import bounds


def _valid_dates_in_order(name: str) -> models.CheckConstraint:
    """``valid_to`` is not before ``valid_from`` when both are set."""
    return models.CheckConstraint(
        condition=models.Q(valid_from__isnull=True)
        | models.Q(valid_to__isnull=True)
        | models.Q(valid_to__gte=models.F("valid_from")),
        name=name,
    )


class Agency(models.Model):
    """A department that runs plans (e.g. Sở KH&CN tỉnh Quảng Nam, then Sở KH&CN thành phố Đà Nẵng):
    its names as printed on documents, its area over time, its reference codes, its default
    reporting rule and its internal users. An agency that took over another (a merged province)
    names it as ``predecessor`` and works on its records too."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(
        _("name"),
        max_length=255,
        validators=bounds.NAME,
        help_text=_("For example: Sở Khoa học và Công nghệ thành phố Đà Nẵng."),
    )
    printed_name = models.CharField(
        _("name as printed on documents"),
        max_length=255,
        validators=bounds.NAME,
        help_text=_("For example: SỞ KHOA HỌC VÀ CÔNG NGHỆ."),
    )
    parent_name = models.CharField(
        _("parent body as printed on documents"), max_length=255, help_text=_("For example: UBND THÀNH PHỐ ĐÀ NẴNG.")
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True, help_text=_("For example: SKHCN."))
    place_name = models.CharField(
        _("place named on documents"), max_length=100, help_text=_("For example: Đà Nẵng (“Đà Nẵng, ngày …”).")
    )
    code_prefix = models.CharField(
        _("reference-code prefix"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z]+(-[A-Z]+)*$",
                _("Use capital letters, optionally in groups joined by hyphens (for example NSCL-DNG)."),
            )
        ],
        help_text=_("Application codes are the prefix, the year and a number: NSCL-DNG-2026-0001."),
    )
    # Default reporting rule (Decree 09/2019: the data year runs from 15 Dec to 14 Dec); a new
    # plan copies it onto its own fields.
    data_year_start_month = models.PositiveSmallIntegerField(
        _("data year starts: month"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    data_year_start_day = models.PositiveSmallIntegerField(
        _("data year starts: day"), default=15, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
        help_text=_("The agency this one took over; its records are worked on by this agency's users."),
    )
    valid_from = models.DateField(_("in operation from"), null=True, blank=True, validators=bounds.DATE)
    valid_to = models.DateField(_("in operation until"), null=True, blank=True, validators=bounds.DATE)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("internal users"), blank=True, related_name="agencies"
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [_valid_dates_in_order("agency_valid_order")]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            datetime.date(2001, self.data_year_start_month or 1, self.data_year_start_day or 1)
        except ValueError:
            raise ValidationError({"data_year_start_day": _("This day does not exist in that month.")}) from None
        if self.predecessor_id and self.predecessor_id == self.pk:
            raise ValidationError({"predecessor": _("An agency cannot succeed itself.")})

    def in_charge_on(self, day: datetime.date) -> "Agency":
        """The agency that carries this one's work on ``day``: itself while in operation, else the
        successor that took it over (followed as far as needed). Reports are headed by it."""
        agency, seen = self, set()
        while agency.valid_to is not None and day > agency.valid_to and agency.pk not in seen:
            seen.add(agency.pk)
            successor = agency.successors.order_by("valid_from", "pk").first()
            if successor is None:
                break
            agency = successor
        return agency


class AgencyArea(models.Model):
    """An administrative unit (with what lies under it) in an agency's area, from ``valid_from``
    to ``valid_to``. Records filed under older units count through the unit mappings."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="areas")
    unit = models.ForeignKey(
        "enterprises.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True, validators=bounds.DATE)
    valid_to = models.DateField(_("valid to"), null=True, blank=True, validators=bounds.DATE)
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("agency area")
        verbose_name_plural = _("agency areas")
        ordering = ["agency", "valid_from"]
        constraints = [_valid_dates_in_order("agency_area_valid_order")]

    def __str__(self):
        return f"{self.agency}: {self.unit}"


class AgencyEnterprise(models.Model):
    """An enterprise with records at an agency (an application past its draft, an enrolment of one
    of its people): the agency's staff see it wherever it is. Written with those records
    (``link_enterprise_to_agency``), after bulk writes by ``link_enterprises_to_agencies``; the
    enterprise list reads it instead of joining every application and enrolment."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("enterprise with records at an agency")
        verbose_name_plural = _("enterprises with records at an agency")
        constraints = [models.UniqueConstraint(fields=["agency", "enterprise"], name="agency_enterprise_unique")]

    def __str__(self):
        return f"{self.enterprise_id} @ {self.agency_id}"


# The records that link an enterprise to an agency, as (SQL selecting enterprise_id, agency_id):
# each app registers its own (``register_enterprise_link_source``).
_link_sources: dict[str, str] = {}


def register_enterprise_link_source(key: str, select_sql: str) -> None:
    _link_sources[key] = select_sql


def link_enterprise_to_agency(*, enterprise_id: int | None, agency_id: int | None) -> None:
    """The (agency, enterprise) row, if missing (one query)."""
    if enterprise_id is None or agency_id is None:
        return
    AgencyEnterprise.objects.bulk_create(
        [AgencyEnterprise(agency_id=agency_id, enterprise_id=enterprise_id)], ignore_conflicts=True
    )


def link_enterprises_to_agencies() -> None:
    """Every missing (agency, enterprise) row of the registered sources (after bulk writes)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for select_sql in _link_sources.values():
            cursor.execute(
                f"""INSERT INTO programs_agencyenterprise (enterprise_id, agency_id)
                SELECT DISTINCT s.enterprise_id, s.agency_id FROM ({select_sql}) s
                WHERE s.enterprise_id IS NOT NULL AND s.agency_id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM programs_agencyenterprise l
                    WHERE l.enterprise_id = s.enterprise_id AND l.agency_id = s.agency_id
                )"""  # noqa: S608 - registered constant SQL, no user input
            )
