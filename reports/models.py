import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import bounds, clock
from core.workflow import Workflow


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Annual report")
    TWO_YEAR = "two_year", _("Two-year review")
    FIVE_YEAR = "five_year", _("Five-year summary")
    AD_HOC = "ad_hoc", _("Ad hoc report")


# The Vietnamese slug of each kind in a downloaded file's name: bao-cao-tong-ket-2025-v1.pdf.
KIND_SLUGS = {
    ReportKind.ANNUAL: "nam",
    ReportKind.TWO_YEAR: "so-ket",
    ReportKind.FIVE_YEAR: "tong-ket",
    ReportKind.AD_HOC: "dot-xuat",
}


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Ready (draft)")
    FAILED = "failed", _("Failed")
    FINALISED = "finalised", _("Finalised")


# The allowed moves; only ``reports.services`` change a status, through ``transition_to``.
TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.QUEUED: {ReportStatus.RUNNING},
    # running → queued: a transient error, retried; running → running: a stale run reclaimed.
    # running → finalised: the final files (without the draft mark) of an approved run are built.
    ReportStatus.RUNNING: {
        ReportStatus.SUCCEEDED,
        ReportStatus.FINALISED,
        ReportStatus.FAILED,
        ReportStatus.QUEUED,
        ReportStatus.RUNNING,
    },
    ReportStatus.SUCCEEDED: {ReportStatus.QUEUED, ReportStatus.FINALISED},
    ReportStatus.FAILED: {ReportStatus.QUEUED},
    ReportStatus.FINALISED: set(),
}


def report_file_path(instance, filename: str) -> str:
    """A random name under reports/<year>/: files are never reached by a guessable path."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"reports/{clock.today():%Y}/{uuid.uuid4().hex}.{extension}"


class ReportRun(Workflow, models.Model):
    """One version of one report: its period, header data, narrative, the figures it froze and
    the XLSX/PDF files built from them by a Celery job. A finalised run never changes: any edit
    makes a new version."""

    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    plan = models.ForeignKey(
        "programs.Plan", verbose_name=_("plan"), on_delete=models.PROTECT, related_name="report_runs"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    data_from = models.DateField(_("data from"), validators=bounds.DATE)
    data_to = models.DateField(_("data to"), validators=bounds.DATE)

    # Decree 30 header and signature block.
    number = models.CharField(_("number"), max_length=50, blank=True, help_text=_("For example: 12/BC-SKHCN."))
    report_date = models.DateField(_("date of the report"), default=clock.today, validators=bounds.DATE)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True, validators=bounds.NAME)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One recipient per line."))

    # Narrative written by staff.
    shortcomings = models.TextField(_("shortcomings and causes"), blank=True)
    lessons = models.TextField(
        _("lessons learned"), blank=True, help_text=_("Two-year review and five-year summary only.")
    )
    next_tasks = models.TextField(_("tasks for the next period"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)

    # The moment the figures are counted as of: what was recorded later (attendance, payments,
    # decisions) is not counted, so every build of this run gives the same figures and files.
    figures_as_of = models.DateTimeField(_("figures as of"), default=clock.now)
    # Set when a leader approves: the final files are built from the frozen figures, without the
    # draft mark, and the run becomes finalised.
    is_final = models.BooleanField(_("final"), default=False)

    # The job.
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claim_token = models.CharField(max_length=64, blank=True, editable=False)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    # The output.
    figures = models.JSONField(_("frozen figures"), default=dict, blank=True)
    xlsx_file = models.FileField(_("Excel file"), upload_to=report_file_path, blank=True)
    xlsx_sha256 = models.CharField(_("Excel SHA-256"), max_length=64, blank=True)
    pdf_file = models.FileField(_("PDF file"), upload_to=report_file_path, blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=clock.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )

    TRANSITIONS = TRANSITIONS
    STATUSES = ReportStatus
    audit_prefix = "reports"

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "data_from", "data_to", "version"], name="report_run_version_unique"
            ),
            models.CheckConstraint(condition=models.Q(data_to__gte=models.F("data_from")), name="report_period_order"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_le_100"),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.data_from:%d/%m/%Y}–{self.data_to:%d/%m/%Y} (v{self.version})"

    @property
    def is_finalised(self) -> bool:
        return self.status == ReportStatus.FINALISED

    @property
    def is_busy(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def has_files(self) -> bool:
        return bool(self.xlsx_file and self.pdf_file)

    @property
    def has_lessons(self) -> bool:
        """Two-year reviews and five-year summaries have a lessons-learned section."""
        return self.kind in (ReportKind.TWO_YEAR, ReportKind.FIVE_YEAR)

    def download_name(self, extension: str) -> str:
        """The file name of a download: ``bao-cao-tong-ket-2025-v1.pdf`` (Vietnamese slug, year, version)."""
        return f"bao-cao-{KIND_SLUGS[self.kind]}-{self.data_to:%Y}-v{self.version}.{extension}"
