"""The enterprise's side before review: drafts, documents, submission, supplement."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core import clock
from core.audit import audit_record
from core.numbers import vnd
from core.uploads import random_name, validate_upload
from enterprises.models import RepresentativeStatus

from ..models import (
    ApplicationDocument,
    DocumentKind,
    OutcomeStage,
    RequiredDocument,
    Status,
    SupportApplication,
    SupportScheme,
)
from ..permissions import ROLES, can_edit_draft, can_resubmit, can_submit, is_enterprise_side
from ..proposal import Proposal, compute_proposal
from ..selectors import policy_in_force, representation_for, scheme_refusal, support_used_in_year
from .codes import reference_code_issue
from .common import ensure, ensure_state, lock, move

DRAFT_FIELDS = (
    "scheme",
    "project_title",
    "project_description",
    "starts_on",
    "ends_on",
    "consultant",
    "eligible_cost",
    "requested_amount",
    "declaration_accepted",
)


def proposal_for(application: SupportApplication, *, day: datetime.date | None = None) -> Proposal | None:
    """The proposed support under the policy in force (or the one stored), with its arithmetic."""
    day = day or clock.today()
    policy = application.policy_version or policy_in_force(scheme_id=application.scheme_id, day=day)
    if policy is None or not application.eligible_cost:
        return None
    used = support_used_in_year(
        enterprise_id=application.enterprise_id,
        item_id=application.scheme.item_id,
        year=application.year,
        exclude_pk=application.pk,
    )
    return compute_proposal(
        eligible_cost=application.eligible_cost,
        rate_percent=policy.rate_percent,
        cap=policy.cap_amount,
        yearly_limit=policy.yearly_limit,
        used_this_year=used,
    )


def support_terms(application: SupportApplication, *, day=None) -> dict | None:
    """What the project step shows while the enterprise types: the policy's rate and cap, what is
    left of its yearly limit, and the support the stored cost gives (None without a policy)."""
    day = day or clock.today()
    policy = application.policy_version or policy_in_force(scheme_id=application.scheme_id, day=day)
    if policy is None:
        return None
    proposal = proposal_for(application, day=day)
    if policy.yearly_limit is None:
        limit_left = None
    else:
        used = support_used_in_year(
            enterprise_id=application.enterprise_id,
            item_id=application.scheme.item_id,
            year=application.year,
            exclude_pk=application.pk,
        )
        limit_left = max(0, policy.yearly_limit - used)
    return {
        "rate": policy.rate_percent,
        "cap": policy.cap_amount,
        "limit_left": limit_left,
        "amount": proposal.amount if proposal else None,
    }


def _check_requested_amount(application: SupportApplication, requested) -> None:
    """A request above the policy's cap is refused with the cap in the message."""
    policy = application.policy_version or policy_in_force(scheme_id=application.scheme_id, day=clock.today())
    if requested and policy is not None and policy.cap_amount is not None and requested > policy.cap_amount:
        raise ValidationError(
            {
                "requested_amount": _(
                    "You ask for %(requested)s, above the cap of this support (%(cap)s per application): "
                    "ask for at most %(cap)s."
                )
                % {"requested": vnd(requested), "cap": vnd(policy.cap_amount)}
            },
            code="above_cap",
        )


@transaction.atomic
def application_create_draft(*, scheme: SupportScheme, actor: User) -> SupportApplication:
    """Start a draft for the actor's enterprise (a pending representative may draft, not submit)."""
    ROLES.check(actor, "apply")
    representation = representation_for(actor)
    if representation is None or representation.status == RepresentativeStatus.REJECTED:
        raise ValidationError(_("Register as the representative of your enterprise before applying."))
    today = clock.today()
    refusal = scheme_refusal(scheme, day=today, enterprise=representation.enterprise)
    if refusal:
        raise ValidationError(refusal, code="scheme_not_open")
    application = SupportApplication(
        enterprise=representation.enterprise, scheme=scheme, applicant=actor, year=today.year, status=Status.DRAFT
    )
    application.full_clean()
    application.save()
    audit_record(actor=actor, action="application.draft_created", obj=application)
    return application


@transaction.atomic
def application_update_draft(*, application: SupportApplication, actor: User, **fields) -> SupportApplication:
    """Save answers of one step of the draft (any subset of the draft's fields)."""
    ROLES.check(actor, "apply")
    application = lock(application)
    ensure(can_edit_draft(actor, application))
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"Not draft fields: {sorted(unknown)}")
    if "scheme" in fields and fields["scheme"].pk != application.scheme_id:
        refusal = scheme_refusal(fields["scheme"], day=clock.today(), enterprise=application.enterprise)
        if refusal:
            raise ValidationError(refusal, code="scheme_not_open")
    if "requested_amount" in fields:
        _check_requested_amount(application, fields["requested_amount"])
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_add_document(
    *,
    application: SupportApplication,
    actor: User,
    uploaded: UploadedFile,
    required_document: RequiredDocument | None = None,
    kind: str = DocumentKind.APPLICATION,
) -> ApplicationDocument:
    """Store an upload under a random name after checking its real type and size."""
    ROLES.check(actor, "apply")
    application = lock(application)
    allowed = {
        DocumentKind.APPLICATION: can_edit_draft(actor, application),
        DocumentKind.SUPPLEMENT: can_resubmit(actor, application),
        DocumentKind.COMPLETION: application.status == Status.IN_PROGRESS and is_enterprise_side(actor, application),
    }[DocumentKind(kind)]
    ensure(allowed)
    content_type = validate_upload(uploaded)
    document = ApplicationDocument(
        application=application,
        required_document=required_document,
        kind=kind,
        original_name=(uploaded.name or "file")[-255:],
        content_type=content_type,
        size=uploaded.size or 0,
        uploaded_by=actor,
    )
    document.file.save(random_name(content_type), uploaded, save=False)
    document.save()
    audit_record(actor=actor, action="application.document_added", obj=application, document=document.pk, kind=kind)
    return document


@transaction.atomic
def application_remove_document(*, document: ApplicationDocument, actor: User) -> None:
    """Remove an upload from a draft (or from a supplement/completion not yet sent)."""
    ROLES.check(actor, "apply")
    application = lock(document.application)
    allowed = {
        DocumentKind.APPLICATION: can_edit_draft(actor, application),
        DocumentKind.SUPPLEMENT: can_resubmit(actor, application),
        DocumentKind.COMPLETION: application.status == Status.IN_PROGRESS and is_enterprise_side(actor, application),
    }[DocumentKind(document.kind)]
    ensure(allowed)
    audit_record(actor=actor, action="application.document_removed", obj=application, name=document.original_name)
    storage, name = document.file.storage, document.file.name or ""
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


def submission_problems(application: SupportApplication, *, day: datetime.date | None = None) -> list[str]:
    """What still stops the draft from being submitted (empty when it can go)."""
    day = day or clock.today()
    problems = []
    refusal = scheme_refusal(application.scheme, day=day, enterprise=application.enterprise)
    if refusal:
        problems.append(refusal)
    policy = policy_in_force(scheme_id=application.scheme_id, day=day)
    if policy is None:
        problems.append(_("The scheme has no support policy in force today."))
    else:
        size = application.enterprise.size_class
        if policy.eligible_size_classes and size and size not in policy.eligible_size_classes:
            problems.append(_("Enterprises of this size class are not eligible for this scheme."))
        present = {d.required_document_id for d in application.documents.all()}
        problems += [
            _("Attach the document “%(name)s”.") % {"name": r.name}
            for r in policy.required_documents.all()
            if r.is_mandatory and r.pk not in present
        ]
    if not application.project_title or not application.project_description:
        problems.append(_("Describe the project."))
    if not application.eligible_cost:
        problems.append(_("Enter the eligible cost."))
    if not application.outcome_reports.filter(stage=OutcomeStage.BASELINE).exists():
        problems.append(_("Give the enterprise's figures for the last full year."))
    if not application.declaration_accepted:
        problems.append(_("Confirm the declaration."))
    return problems


@transaction.atomic
def application_submit(*, application: SupportApplication, actor: User) -> SupportApplication:
    """Submit a complete draft: store the policy version and proposal, issue the reference code."""
    ROLES.check(actor, "apply")
    application = lock(application)
    ensure(
        can_submit(actor, application), _("Only a verified representative of the enterprise may submit an application.")
    )
    ensure_state(application, Status.SUBMITTED)
    today = clock.today()
    problems = submission_problems(application, day=today)
    if problems:
        raise ValidationError(problems)
    application.year = today.year
    application.policy_version = policy_in_force(scheme_id=application.scheme_id, day=today)
    proposal = proposal_for(application, day=today)
    assert proposal is not None  # submission_problems refused a draft without a policy in force
    application.proposed_amount = proposal.amount
    application.proposal_basis = proposal.as_json()
    application.reference_code = reference_code_issue(
        prefix=application.scheme.plan.agency.code_prefix, year=today.year
    )
    application.submitted_at = clock.now()
    move(
        application,
        Status.SUBMITTED,
        actor=actor,
        notify_roles=(Role.STAFF,),
        reference_code=application.reference_code,
        proposed_amount=proposal.amount,
    )
    return application


@transaction.atomic
def application_resubmit(*, application: SupportApplication, actor: User, response: str) -> SupportApplication:
    """Send back a supplemented application (returned → submitted) with the enterprise's answer."""
    ROLES.check(actor, "apply")
    application = lock(application)
    ensure(can_resubmit(actor, application), _("Only a verified representative of the enterprise may do this."))
    if not response.strip():
        raise ValidationError(_("Say what you have supplemented."))
    application.supplement_deadline = None
    move(
        application,
        Status.SUBMITTED,
        actor=actor,
        comment=response.strip(),
        notify_reviewer=True,
        notify_roles=() if application.reviewer_id else (Role.STAFF,),
    )
    return application
