"""Money paid out: disbursements and the append-only ledger of an application's amounts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import bounds, clock
from core.models import AppendOnly

from .application import SupportApplication


class Disbursement(AppendOnly, models.Model):
    """A payment of approved support, recorded by finance against the reserved estimate."""

    application = models.ForeignKey(SupportApplication, on_delete=models.PROTECT, related_name="disbursements")
    amount = models.PositiveBigIntegerField(_("amount (VND)"), validators=bounds.MONEY)
    paid_on = models.DateField(_("payment date"), validators=bounds.DATE)
    voucher = models.CharField(_("voucher number"), max_length=100)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="disbursement_positive")]

    append_only_message = "Disbursements are append-only: record a correcting entry instead."

    def __str__(self):
        return f"{self.voucher}: {self.amount}"


class LedgerKind(models.TextChoices):
    RESERVATION = "reservation", _("Reservation")
    RELEASE = "release", _("Release")
    PAYMENT = "payment", _("Payment")


class LedgerEntry(AppendOnly, models.Model):
    """One dated money movement of an application on a budget estimate; append-only.

    A reservation is written when finance approves the budget (dated that day), a release when
    what was reserved and not paid goes back (withdrawal, refusal, final payment), a payment for
    each disbursement (dated its payment day). Report figures for money are sums of these rows up
    to the report's cut-off; the running totals on the estimate and the application only guard
    the limits under a row lock.
    """

    estimate = models.ForeignKey(
        "programs.BudgetEstimate", verbose_name=_("budget estimate"), on_delete=models.PROTECT, related_name="ledger"
    )
    application = models.ForeignKey(
        SupportApplication, verbose_name=_("application"), on_delete=models.PROTECT, related_name="ledger"
    )
    disbursement = models.OneToOneField(
        Disbursement,
        verbose_name=_("disbursement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entry",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LedgerKind.choices)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    date = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["date", "pk"]
        indexes = [
            models.Index(fields=["estimate", "kind", "date"]),
            models.Index(fields=["application", "kind", "date"]),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} ({self.date:%d/%m/%Y})"
