"""Yearly facts: what each measure counted, per agency, plan, indicator, data year, administrative
unit and sector, so that the dashboard, the reports and the national roll-up add up a few rows
instead of re-reading every enrolment and application (``facts.build`` computes them,
``facts.changes`` marks a plan stale in the transaction that changed its records, ``facts.tasks``
refreshes it after commit and rebuilds everything nightly). ``StoredFigures`` keeps, beside them,
the dashboard blocks that would otherwise aggregate every application of the plan."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class YearlyFact(models.Model):
    """One measure's figure for one data year of one plan, for the enterprises of one unit and one
    sector (both empty for rows without an enterprise, e.g. partner figures)."""

    agency = models.ForeignKey("programs.Agency", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("programs.Plan", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey("programs.Indicator", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("data year"))
    unit = models.ForeignKey(
        "enterprises.AdministrativeUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sector = models.ForeignKey("enterprises.Sector", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("yearly fact")
        verbose_name_plural = _("yearly facts")
        indexes = [models.Index(fields=["plan", "indicator", "year"]), models.Index(fields=["agency", "year"])]

    def __str__(self):
        return f"{self.indicator_id} {self.year}: {self.value}"


class FactMember(models.Model):
    """For a distinct-count measure: one thing (an enterprise) counted in one data year, so that a
    span of years counts it once."""

    plan = models.ForeignKey("programs.Plan", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey("programs.Indicator", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("data year"))
    member = models.BigIntegerField(_("member"))

    class Meta:
        verbose_name = _("counted member")
        verbose_name_plural = _("counted members")
        indexes = [models.Index(fields=["plan", "year"])]

    def __str__(self):
        return f"{self.indicator_id} {self.year}: #{self.member}"


class StoredFigures(models.Model):
    """A dashboard block's figures over one data year of a plan, or over all its years
    (``programs.measures.register_stored_figures``), computed with the facts from the raw rows."""

    plan = models.ForeignKey("programs.Plan", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("key"), max_length=100)
    year_from = models.PositiveSmallIntegerField(_("from data year"))
    year_to = models.PositiveSmallIntegerField(_("to data year"))
    payload = models.JSONField(_("figures"), encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("stored figures")
        verbose_name_plural = _("stored figures")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key", "year_from", "year_to"], name="stored_figures_unique")
        ]

    def __str__(self):
        return f"{self.plan_id} {self.key} {self.year_from}-{self.year_to}"


class FactState(models.Model):
    """Whether a plan's facts are up to date. A change to a counted record sets ``stale`` and
    ``changed_at`` in its own transaction; the refresh after commit clears ``stale``. The facts of a
    stale plan are never read (the raw rows are counted instead)."""

    plan = models.OneToOneField("programs.Plan", on_delete=models.CASCADE, related_name="fact_state")
    stale = models.BooleanField(_("stale"), default=True)
    changed_at = models.DateTimeField(_("last counted change"))
    refreshed_at = models.DateTimeField(_("refreshed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("facts state")
        verbose_name_plural = _("facts states")

    def __str__(self):
        return f"{self.plan_id}: {'stale' if self.stale else 'fresh'}"
