"""What “new plan from this one” copies of the support schemes (registered in ``programs.lifecycle``)."""

import datetime

from django.db.models import Prefetch

from .models import PolicyVersion, RequiredDocument, SupportScheme


def copy_schemes(*, source, target, tasks, actor) -> None:
    """Each scheme of ``source`` again under ``target``: the same item, basis, source and task (its
    copy), open from the first day of ``target``; with the policy version that was last in force
    (rates, caps and required documents) as its first version from that day."""
    opens = datetime.date(target.start_year, 1, 1)
    schemes = SupportScheme.objects.filter(plan=source).prefetch_related(
        Prefetch(
            "policy_versions",
            queryset=PolicyVersion.objects.order_by("-effective_from").prefetch_related("required_documents"),
        )
    )
    for scheme in schemes:
        copy = SupportScheme.objects.create(
            item=scheme.item,
            plan=target,
            task=tasks.get(scheme.task_id),
            title=scheme.title,
            legal_basis=scheme.legal_basis,
            funding_source=scheme.funding_source,
            opens_on=opens,
            description=scheme.description,
        )
        latest = next(iter(scheme.policy_versions.all()), None)
        if latest is None:
            continue
        policy = PolicyVersion.objects.create(
            scheme=copy,
            effective_from=opens,
            rate_percent=latest.rate_percent,
            cap_amount=latest.cap_amount,
            yearly_limit=latest.yearly_limit,
            eligible_size_classes=list(latest.eligible_size_classes or []),
            legal_basis=latest.legal_basis,
            note=latest.note,
        )
        RequiredDocument.objects.bulk_create(
            RequiredDocument(
                policy_version=policy,
                name=doc.name,
                description=doc.description,
                is_mandatory=doc.is_mandatory,
                order=doc.order,
            )
            for doc in latest.required_documents.all()
        )
