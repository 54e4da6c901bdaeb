"""Writes one demo application with its history, money and documents (consistent direct writes,
no e-mails). The paths, the days between steps and the consultants are data (``paths.yaml``,
``catalogue.yaml``); the order of the random draws is the code's."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Role, User
from core import clock
from core.demo import load
from enterprises.models import Representative, RepresentativeStatus
from programs.models import BudgetEstimate, EstimateStatus

from ..models import (
    ApplicationDocument,
    ApplicationEvent,
    Disbursement,
    DocumentKind,
    LedgerEntry,
    LedgerKind,
    ReferenceCounter,
    ReviewChecklistItem,
    Status,
    SupportApplication,
)
from ..proposal import compute_proposal
from ..services.review import DEFAULT_CHECKS

M = 1_000_000
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
# Who takes each step: the applicant's representative, or a demo account of the department.
ACTORS = {
    Status.SUBMITTED: "rep",
    Status.UNDER_REVIEW: "staff",
    Status.RETURNED: "staff",
    Status.RECOMMENDED: "staff",
    Status.BUDGET_APPROVED: "finance",
    Status.BUDGET_REJECTED: "finance",
    Status.APPROVED: "leader",
    Status.IN_PROGRESS: "rep",
    Status.COMPLETION_SUBMITTED: "rep",
    Status.ACCEPTED: "staff",
    Status.DISBURSED: "finance",
    Status.REJECTED: "staff",
    Status.WITHDRAWN: "rep",
}
# The department's own steps, sped up by the pace.
DEPARTMENT = (Status.UNDER_REVIEW, Status.RECOMMENDED, Status.BUDGET_APPROVED, Status.APPROVED, Status.REJECTED)
# The step before each final state off the supported path.
BEFORE = {
    Status.RETURNED: Status.UNDER_REVIEW,
    Status.REJECTED: Status.UNDER_REVIEW,
    Status.WITHDRAWN: Status.SUBMITTED,
    Status.BUDGET_REJECTED: Status.RECOMMENDED,
}
_PATHS = load("programs.applications", "paths.yaml")
PATH = [Status(status) for status in _PATHS["path"]]
GAPS = {Status(status): days for status, days in _PATHS["days_after_previous_step"].items()}
_CATALOGUE = load("programs.applications", "catalogue.yaml")
CONSULTANTS = _CATALOGUE["consultants"]
TEXTS = _PATHS["texts"]


def representative(enterprise, staff) -> User:
    """A verified representative of the enterprise (one is created for enterprises without)."""
    rep = (
        Representative.objects.filter(enterprise=enterprise, status=RepresentativeStatus.VERIFIED)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if rep is not None:
        return rep.user
    email = f"daidien.{enterprise.tax_code.replace('-', '')}@demo.vn"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=enterprise.contact_name or "Người đại diện", organisation=enterprise.name)
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=Role.ENTERPRISE))
    Representative.objects.get_or_create(
        user=user,
        enterprise=enterprise,
        defaults={
            "status": RepresentativeStatus.VERIFIED,
            "decided_by": staff,
            "decided_at": clock.now(),
            "position": "Giám đốc",
        },
    )
    return user


def aware(day: datetime.date, hour=9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def item_name(scheme) -> str:
    name = scheme.item.name
    return name[0].lower() + name[1:]


class Builder:
    """Writes one application with its history, money and documents."""

    def __init__(self, plan, schemes, people):
        self.plan, self.schemes, self.people = plan, schemes, people
        self.estimates = {
            (e.year, e.source_id): e for e in BudgetEstimate.objects.filter(plan=plan, status=EstimateStatus.APPROVED)
        }
        self.counters: dict[int, int] = {}
        with translation.override(settings.LANGUAGE_CODE):
            self.checks = [gettext(label) for label in DEFAULT_CHECKS]

    def code(self, year: int) -> str:
        self.counters[year] = self.counters.get(year, 0) + 1
        return f"{self.plan.agency.code_prefix}-{year}-{self.counters[year]:04d}"

    def save_counters(self) -> None:
        """The reference counters continue after the codes written here (real submissions follow)."""
        for year, last in self.counters.items():
            counter, _ = ReferenceCounter.objects.get_or_create(prefix=self.plan.agency.code_prefix, year=year)
            if counter.last_number < last:
                counter.last_number = last
                counter.save(update_fields=["last_number"])

    def build(self, *, rng, enterprise, item, year, final, submitted_on, with_files=False):
        code = self.code(year)
        scheme = self.schemes[item]
        policy = scheme.policy_versions.filter(effective_from__lte=submitted_on).order_by("-effective_from").first()
        cost = rng.randrange(60, 320) * M
        proposal = compute_proposal(
            eligible_cost=cost,
            rate_percent=policy.rate_percent,
            cap=policy.cap_amount,
            yearly_limit=policy.yearly_limit,
            used_this_year=0,
        )
        amount = proposal.amount // M * M
        rep = representative(enterprise, self.people["staff"])
        path = self._path(final)
        reserves = Status.BUDGET_APPROVED in path and final not in (Status.WITHDRAWN, Status.REJECTED)
        estimate = self.estimates.get((year, scheme.funding_source_id))
        if reserves:
            left = estimate.approved_amount - estimate.reserved_amount
            amount = min(amount, left // M * M)
            if amount <= 0:  # the year's estimate is used up: no application rather than a gap in codes
                self.counters[year] -= 1
                return None
        app = SupportApplication(
            reference_code=code,
            enterprise=enterprise,
            scheme=scheme,
            policy_version=policy,
            applicant=rep,
            year=year,
            project_title=f"Áp dụng {item_name(scheme)} tại {enterprise.short_name or enterprise.name}",
            project_description=TEXTS["project_description"],
            starts_on=submitted_on + datetime.timedelta(days=45),
            ends_on=submitted_on + datetime.timedelta(days=200),
            consultant=rng.choice(CONSULTANTS),
            eligible_cost=cost,
            requested_amount=amount,
            declaration_accepted=True,
            proposed_amount=amount,
            proposal_basis=proposal.as_json(),
            status=final,
            submitted_at=aware(submitted_on),
        )
        if final == Status.DRAFT:
            app.reference_code, app.policy_version, app.proposed_amount, app.submitted_at = None, None, 0, None
            app.proposal_basis = {}
            self.counters[year] -= 1
        times = self._times(path, submitted_on, pace=self.pace(year))
        if Status.UNDER_REVIEW in path:
            app.reviewer = self.people["staff"]
        if reserves:
            app.estimate, app.approved_amount, app.reserved_amount = estimate, amount, amount
        if Status.APPROVED in path:
            decided = times[Status.APPROVED].date()
            app.decision_number = f"{rng.randrange(100, 999)}/QĐ-SKHCN"
            app.decision_date = decided
        if Status.ACCEPTED in path:
            app.accepted_on = times[Status.ACCEPTED].date()
            app.completion_report = TEXTS["completion_report"]
        if final == Status.RETURNED:
            app.supplement_deadline = times[Status.RETURNED].date() + datetime.timedelta(days=15)
            app.supplement_reasons = TEXTS["supplement_reasons"]
        app.status_changed_at = times[path[-1]] if path else aware(submitted_on)
        app.save()
        SupportApplication.objects.filter(pk=app.pk).update(created_at=aware(submitted_on, 8))
        self._events(app, path, times, rep)
        if Status.UNDER_REVIEW in path:
            ReviewChecklistItem.objects.bulk_create(
                ReviewChecklistItem(
                    application=app,
                    order=i,
                    label=label,
                    is_ok=True if Status.RECOMMENDED in path else None,
                    checked_by=self.people["staff"] if Status.RECOMMENDED in path else None,
                    checked_at=times.get(Status.RECOMMENDED),
                )
                for i, label in enumerate(self.checks)
            )
        if reserves:
            BudgetEstimate.objects.filter(pk=estimate.pk).update(reserved_amount=F("reserved_amount") + amount)
            estimate.reserved_amount += amount
            moment = times[Status.BUDGET_APPROVED]
            LedgerEntry.objects.create(
                estimate=estimate,
                application=app,
                kind=LedgerKind.RESERVATION,
                amount=amount,
                date=timezone.localdate(moment),
                recorded_at=moment,
                recorded_by=self.people["finance"],
            )
        if final == Status.DISBURSED:
            paid_on = times[Status.DISBURSED].date()
            payment = Disbursement.objects.create(
                application=app,
                amount=amount,
                paid_on=paid_on,
                voucher=f"UNC-{code}",
                recorded_by=self.people["finance"],
            )
            LedgerEntry.objects.create(
                estimate=estimate,
                application=app,
                disbursement=payment,
                kind=LedgerKind.PAYMENT,
                amount=amount,
                date=paid_on,
                recorded_at=times[Status.DISBURSED],
                recorded_by=self.people["finance"],
            )
            SupportApplication.objects.filter(pk=app.pk).update(disbursed_amount=amount)
            BudgetEstimate.objects.filter(pk=estimate.pk).update(disbursed_amount=F("disbursed_amount") + amount)
        if with_files:
            for required in policy.required_documents.filter(is_mandatory=True):
                self._file(app, rep, required, DocumentKind.APPLICATION)
            if Status.COMPLETION_SUBMITTED in path:
                self._file(app, rep, None, DocumentKind.COMPLETION, name="giay-chung-nhan.pdf")
        return app

    @staticmethod
    def _path(final) -> list[str]:
        if final == Status.DRAFT:
            return []
        if final in PATH:
            return PATH[: PATH.index(final) + 1]
        before = BEFORE[final]
        return PATH[: PATH.index(before) + 1] + [final]

    def pace(self, year: int) -> float:
        """How fast the department handled this application (from its number, not the random
        stream, so the rest of the demo is unchanged): four in five well within the promised 15
        working days, one in five at the old pace, late."""
        return 1.0 if self.counters.get(year, 0) % 5 == 0 else 0.55

    @staticmethod
    def _times(path, submitted_on, pace: float = 1.0) -> dict[str, datetime.datetime]:
        times, day = {}, submitted_on
        for status in path:
            gap = GAPS[status]
            if status in DEPARTMENT:
                gap = max(1, round(gap * pace))
            day = day + datetime.timedelta(days=gap)
            times[status] = aware(day, 10)
        return times

    def _events(self, app, path, times, rep):
        p = self.people
        actor = {status: rep if who == "rep" else p[who] for status, who in ACTORS.items()}
        comment = {
            Status.RETURNED: app.supplement_reasons,
            Status.APPROVED: f"Quyết định số {app.decision_number} ngày {app.decision_date:%d/%m/%Y}."
            if app.decision_date
            else "",
            Status.REJECTED: TEXTS["rejected"],
            Status.WITHDRAWN: TEXTS["withdrawn"],
            Status.BUDGET_REJECTED: TEXTS["budget_rejected"],
        }
        previous = Status.DRAFT
        events = []
        for status in path:
            events.append(
                ApplicationEvent(
                    application=app,
                    actor=actor[status],
                    from_status=previous,
                    to_status=status,
                    comment=comment.get(status, ""),
                    visible_to_enterprise=status != Status.BUDGET_REJECTED,
                    created_at=times[status],
                )
            )
            previous = status
        ApplicationEvent.objects.bulk_create(events)

    @staticmethod
    def _file(app, rep, required, kind, name="don-de-nghi.pdf"):
        document = ApplicationDocument(
            application=app,
            required_document=required,
            kind=kind,
            original_name=name,
            content_type="application/pdf",
            size=len(PDF),
            uploaded_by=rep,
        )
        document.file.save(name, ContentFile(PDF), save=False)
        document.save()
