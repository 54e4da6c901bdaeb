"""Every write on report runs: request, edit (a new version once finalised), build, retry,
finalise, and the daily "what is due?" job."""

import datetime
import hashlib
import logging
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.audit import audit_record
from core.mail import notify_by_email
from core.outbox import outbox_task
from programs.agencies import ensure_in_scope
from programs.models import Plan

from . import selectors
from .builders import builder_for
from .models import ReportKind, ReportRun, ReportStatus
from .permissions import ROLES, can_finalise_report

logger = logging.getLogger(__name__)

# Fields staff may edit; editing any of them on a finalised run makes a new version.
EDITABLE_FIELDS = (
    "number",
    "report_date",
    "place",
    "signer_name",
    "signer_title",
    "recipients",
    "shortcomings",
    "lessons",
    "next_tasks",
    "proposals",
)
# What must be filled before a leader may finalise (``lessons`` only where the kind has it).
REQUIRED_TO_FINALISE = (
    "number",
    "signer_name",
    "signer_title",
    "recipients",
    "shortcomings",
    "next_tasks",
    "proposals",
)


def stale_after() -> datetime.timedelta:
    """A running report whose heartbeat is older than this is lost: one minute past the build's
    hard time limit, so a build still running is never taken over."""
    return datetime.timedelta(seconds=settings.REPORTS_BUILD_TIME_LIMIT + 60)


def _enqueue_build(run: ReportRun) -> None:
    """Promise the build in the caller's transaction (published after commit, even after an outage)."""
    outbox_task("reports.build_report", run_id=run.pk)


def _defaults_from_plan(plan: Plan) -> dict:
    return {"place": plan.agency.in_charge_on(clock.today()).place_name or plan.province_name}


@transaction.atomic
def report_request(
    *,
    plan: Plan,
    kind: str,
    actor: User | None,
    data_from: datetime.date | None = None,
    data_to: datetime.date | None = None,
    year: int | None = None,
    **fields,
) -> tuple[ReportRun, bool]:
    """Ask for a report on a plan of the actor's agencies (``actor`` None: the daily schedule);
    returns (run, created). The same inputs while a version is not finalised give back that
    version (no second set of files); after finalisation a new version is made."""
    if actor is not None:
        ROLES.check(actor, "report_request")
        ensure_in_scope(actor, plan.agency_id)
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choose a kind of report.")})
    default_from, default_to = builder_for(kind).default_period(plan=plan, year=year)
    data_from, data_to = data_from or default_from, data_to or default_to
    if data_to < data_from:
        raise ValidationError({"data_to": _("The data period cannot end before it starts.")})
    span = plan.span
    if data_from not in span or data_to not in span:
        raise ValidationError(
            {
                "data_from": _("The data period must lie within the plan's data period (%(period)s).")
                % {"period": span.text()}
            }
        )
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    # Lock the plan row: concurrent requests for the same inputs queue here, then see each other.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    latest = selectors.latest_version(plan=plan, kind=kind, data_from=data_from, data_to=data_to)
    if latest is not None and not latest.is_finalised:
        return latest, False
    values = _defaults_from_plan(plan) | {k: v for k, v in fields.items() if v not in (None, "")}
    if latest is not None:
        values = {f: getattr(latest, f) for f in EDITABLE_FIELDS} | values
    run = ReportRun(
        plan=plan,
        kind=kind,
        data_from=data_from,
        data_to=data_to,
        requested_by=actor,
        version=(latest.version + 1) if latest else 1,
        previous=latest,
        **values,
    )
    run.full_clean()
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        # Another request created the same version first: return it.
        existing = selectors.latest_version(plan=plan, kind=kind, data_from=data_from, data_to=data_to)
        if existing is None:
            raise
        return existing, False
    audit_record(
        actor=actor,
        action="reports.requested",
        obj=run,
        kind=kind,
        version=run.version,
        data_from=data_from.isoformat(),
        data_to=data_to.isoformat(),
    )
    _enqueue_build(run)
    return run, True


@transaction.atomic
def report_update(*, run: ReportRun, actor: User, **changes) -> ReportRun:
    """Edit the header and narrative. A draft is changed in place and rebuilt; a finalised run
    is never changed: the edit becomes a new version (queued for building). Staff only."""
    ROLES.check(actor, "report_request")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    run = ReportRun.objects.select_for_update().select_related("plan").get(pk=run.pk)
    ensure_in_scope(actor, run.plan.agency_id)
    changed = {k: v for k, v in changes.items() if getattr(run, k) != v}
    if not changed:
        return run
    if run.is_busy:
        raise ValidationError(_("The report is being built; wait until it is ready before editing it."))
    if run.is_finalised:
        latest = selectors.latest_version(plan=run.plan, kind=run.kind, data_from=run.data_from, data_to=run.data_to)
        assert latest is not None  # ``run`` itself is a version
        if latest.pk != run.pk and not latest.is_finalised:
            raise ValidationError(_("A newer draft of this report exists; edit that one."))
        new = ReportRun(
            plan=run.plan,
            kind=run.kind,
            data_from=run.data_from,
            data_to=run.data_to,
            version=latest.version + 1,
            previous=run,
            requested_by=actor,
            # A new version of the text keeps the figures of the version it revises.
            figures_as_of=run.figures_as_of,
            **({f: getattr(run, f) for f in EDITABLE_FIELDS} | changed),
        )
        new.full_clean()
        new.save()
        audit_record(actor=actor, action="reports.new_version", obj=new, previous_id=run.pk, fields=sorted(changed))
        _enqueue_build(new)
        return new
    for key, value in changed.items():
        setattr(run, key, value)
    run.full_clean()
    _reset_for_build(run)
    run.transition_to(ReportStatus.QUEUED, actor=actor, reason="edited", save=False, fields=sorted(changed))
    run.save()
    _enqueue_build(run)
    return run


def run_is_stale(run: ReportRun) -> bool:
    """A build that went silent (its worker died) or was never picked up."""
    limit = clock.now() - stale_after()
    if run.status == ReportStatus.RUNNING:
        return run.heartbeat_at is None or run.heartbeat_at < limit
    return run.status == ReportStatus.QUEUED and run.requested_at < limit


def _reset_for_build(run: ReportRun) -> None:
    run.progress = 0
    run.error = ""
    run.claim_token = ""


@transaction.atomic
def report_retry(*, run: ReportRun, actor: User) -> ReportRun:
    """Queue a failed (or lost) run again (staff)."""
    ROLES.check(actor, "report_request")
    run = ReportRun.objects.select_for_update().select_related("plan").get(pk=run.pk)
    ensure_in_scope(actor, run.plan.agency_id)
    if run.status != ReportStatus.FAILED and not run_is_stale(run):
        raise ValidationError(_("Only a failed report, or one whose build stopped, can be retried."))
    _reset_for_build(run)
    run.transition_to(ReportStatus.QUEUED, actor=actor, reason="retry", save=False)
    run.save()
    _enqueue_build(run)
    return run


def missing_for_final(run: ReportRun) -> list[str]:
    """The labels of what must still be filled before ``run`` may be finalised (empty: complete)."""
    names = [*REQUIRED_TO_FINALISE, *(["lessons"] if run.has_lessons else [])]
    fields = [ReportRun._meta.get_field(name) for name in names if not str(getattr(run, name)).strip()]
    return [str(field.verbose_name) for field in fields]  # type: ignore[union-attr]


@transaction.atomic
def report_finalise(*, run: ReportRun, actor: User) -> ReportRun:
    """A leader approves a built, complete draft: the final files (the frozen figures, without the
    draft mark) are built as new files, then the run is immutable. An incomplete draft is refused
    and left exactly as it was. Another role is refused (PermissionDenied) before anything is read."""
    ROLES.check(actor, "report_finalise")
    run = ReportRun.objects.select_for_update().select_related("plan").get(pk=run.pk)
    ensure_in_scope(actor, run.plan.agency_id)
    if not can_finalise_report(actor, run):
        raise ValidationError(_("A report can be approved only once its files are ready."))
    missing = missing_for_final(run)
    if missing:
        raise ValidationError(
            _("The report cannot be finalised until these are filled in: %(missing)s.")
            % {"missing": ", ".join(missing)},
            code="incomplete",
        )
    run.transition_to(
        ReportStatus.QUEUED,
        actor=actor,
        reason="finalise",
        save=False,
        draft_xlsx_sha256=run.xlsx_sha256,
        draft_pdf_sha256=run.pdf_sha256,
    )
    run.is_final = True
    run.approved_by = actor
    run.approved_at = clock.now()
    _reset_for_build(run)
    run.save()
    _enqueue_build(run)
    return run


# --- Building (called by the Celery task) ---------------------------------------------------------
def report_claim(*, run_id: int, token: str) -> bool:
    """Claim a run for building with one conditional UPDATE: queued → running, or a running run
    whose worker is gone (the same task message redelivered, or a heartbeat gone stale).
    Exactly one worker wins; a succeeded, failed or finalised run is never claimed."""
    now = clock.now()
    claimable = Q(status=ReportStatus.QUEUED) | Q(status=ReportStatus.RUNNING) & (
        Q(claim_token=token) | Q(heartbeat_at__lt=now - stale_after()) | Q(heartbeat_at__isnull=True)
    )
    claimed = ReportRun.objects.filter(claimable, pk=run_id).update(
        status=ReportStatus.RUNNING,
        claim_token=token,
        started_at=now,
        heartbeat_at=now,
        progress=1,
        error="",
        attempts=F("attempts") + 1,
    )
    if claimed:
        run = ReportRun.objects.get(pk=run_id)
        audit_record(actor=None, action="reports.running", obj=run, attempt=run.attempts)
    return bool(claimed)


def report_progress(*, run_id: int, token: str, percent: int) -> None:
    """Record progress and a heartbeat, only while this worker still holds the claim."""
    ReportRun.objects.filter(pk=run_id, status=ReportStatus.RUNNING, claim_token=token).update(
        progress=max(1, min(99, percent)), heartbeat_at=clock.now()
    )


def _store(field, name: str, source) -> str:
    """Save a file through the storage API and return its SHA-256."""
    digest = hashlib.sha256()
    if isinstance(source, bytes):
        digest.update(source)
        field.save(name, ContentFile(source), save=False)
    else:
        with open(source, "rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
            handle.seek(0)
            field.save(name, File(handle, name=name), save=False)
    return digest.hexdigest()


def report_build(*, run_id: int, token: str) -> str:
    """Build a claimed run: collect the figures, write both files, store them with checksums.
    Returns "built", or "skipped" when the run was not ours to build."""
    if not report_claim(run_id=run_id, token=token):
        return "skipped"
    run = ReportRun.objects.select_related("plan").get(pk=run_id)
    builder = builder_for(run.kind)(run, on_progress=lambda p: report_progress(run_id=run_id, token=token, percent=p))
    workdir = Path(tempfile.mkdtemp(prefix="report-"))
    try:
        # The final files carry the frozen figures of the approved draft, never a recount.
        output = builder.render_final(workdir=workdir) if run.is_final else builder.build(workdir=workdir)
        with transaction.atomic():
            locked = ReportRun.objects.select_for_update().get(pk=run_id)
            if locked.status != ReportStatus.RUNNING or locked.claim_token != token:
                return "skipped"  # reclaimed by another worker meanwhile; its files win
            old_files = [f.name for f in (locked.xlsx_file, locked.pdf_file) if f]
            stem = f"{run.kind}-{run.data_to:%Y}-v{run.version}"
            locked.xlsx_sha256 = _store(locked.xlsx_file, f"{stem}.xlsx", output.xlsx_path)
            locked.pdf_sha256 = _store(locked.pdf_file, f"{stem}.pdf", output.pdf_bytes)
            locked.figures = output.figures
            locked.progress = 100
            locked.finished_at = clock.now()
            locked.transition_to(
                ReportStatus.FINALISED if locked.is_final else ReportStatus.SUCCEEDED,
                actor=None,
                save=False,
                xlsx_sha256=locked.xlsx_sha256,
                pdf_sha256=locked.pdf_sha256,
            )
            locked.save()
            storage = locked.xlsx_file.storage
            transaction.on_commit(lambda: _delete_files(storage, old_files))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return "built"


@transaction.atomic
def report_requeue_after_error(*, run_id: int, token: str, error: str) -> None:
    """A transient error (database, storage): back to the queue for the task's retry."""
    run = (
        ReportRun.objects.select_for_update().filter(pk=run_id, status=ReportStatus.RUNNING, claim_token=token).first()
    )
    if run is None:
        return
    run.transition_to(ReportStatus.QUEUED, actor=None, reason="transient error", save=False, error=error[:500])
    run.error = error[:2000]
    run.claim_token = ""
    run.save(update_fields=["status", "error", "claim_token"])


@transaction.atomic
def report_fail(*, run_id: int, token: str | None, error: str) -> None:
    """Record a failure with its reason (shown to staff, who may retry)."""
    filters = {"pk": run_id, "status": ReportStatus.RUNNING}
    if token:
        filters["claim_token"] = token
    run = ReportRun.objects.select_for_update().filter(**filters).first()
    if run is None:
        run = ReportRun.objects.select_for_update().filter(pk=run_id, status=ReportStatus.QUEUED).first()
        if run is None:
            return
        run.transition_to(ReportStatus.RUNNING, actor=None, save=False)
    run.transition_to(ReportStatus.FAILED, actor=None, save=False, error=error[:500])
    run.error = error[:2000]
    run.finished_at = clock.now()
    run.save(update_fields=["status", "error", "finished_at"])


# --- Schedule -----------------------------------------------------------------------------------------
def reports_create_due(*, today: datetime.date | None = None) -> list[ReportRun]:
    """For each active plan, once a data year has ended (the day after it, by the plan's rule),
    create its draft annual report, queue the build and tell staff; never twice for a plan and
    period. Also re-queues runs whose worker was lost."""
    from programs.periods import latest_ended_data_year

    today = today or clock.today()
    created = []
    for plan in selectors.active_plans():
        year = latest_ended_data_year(plan, today)
        if year not in plan.years:
            continue
        with transaction.atomic():
            run, was_created = _create_annual_draft(plan=plan, year=year)
        if was_created and run is not None:
            created.append(run)
    report_requeue_stale()
    return created


def _delete_files(storage, names) -> None:
    for name in names:
        storage.delete(name)


def _create_annual_draft(*, plan: Plan, year: int) -> tuple[ReportRun | None, bool]:
    data_from, data_to = builder_for(ReportKind.ANNUAL).default_period(plan=plan, year=year)
    if ReportRun.objects.filter(plan=plan, kind=ReportKind.ANNUAL, data_from=data_from, data_to=data_to).exists():
        return None, False
    run, created = report_request(plan=plan, kind=ReportKind.ANNUAL, actor=None, data_from=data_from, data_to=data_to)
    if created:
        notify_by_email(
            to=selectors.staff_emails(plan=plan),
            subject=_("Draft annual report %(year)s created") % {"year": year},
            template="reports/email/draft_created.txt",
            context={
                "plan": str(plan),
                "year": year,
                "data_from": f"{data_from:%d/%m/%Y}",
                "data_to": f"{data_to:%d/%m/%Y}",
                "run_id": run.pk,
                "path": reverse("reports:detail", args=[run.pk]),
            },
        )
    return run, created


def report_requeue_stale() -> int:
    """Queue again the builds whose worker died (heartbeat older than the time limit), and the
    queued runs whose build message was lost (published longer ago than that, never picked up)."""
    count = 0
    now = clock.now()
    for run in selectors.stale_runs(now=now, stale_after=stale_after()):
        with transaction.atomic():
            if run.status == ReportStatus.RUNNING:
                updated = ReportRun.objects.filter(
                    pk=run.pk, status=ReportStatus.RUNNING, heartbeat_at=run.heartbeat_at
                ).update(status=ReportStatus.QUEUED, claim_token="")
                if not updated:
                    continue
                audit_record(actor=None, action="reports.queued", obj=run, reason="worker lost")
            elif selectors.build_promised_since(run=run, since=now - stale_after()):
                continue  # its build is still in the outbox, or was published a moment ago
            _enqueue_build(run)
            count += 1
    return count
