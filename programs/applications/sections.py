"""The block "support applications" on the enterprise page (registered with ``enterprises``)."""

from .selectors import applications_visible_to


def enterprise_applications_section(request, enterprise):
    """The enterprise's applications the viewer may see (None hides the block)."""
    applications = list(
        applications_visible_to(user=request.user).filter(enterprise=enterprise).order_by("-created_at")[:20]
    )
    if not applications and not request.user.is_internal:
        return None
    return {"applications": applications}


def home_enterprise(request):
    """The enterprise user's latest applications on their home page."""
    from .outcomes.selectors import outcome_tasks
    from .selectors import representation_for

    visible = applications_visible_to(user=request.user)
    applications = list(visible.order_by("-status_changed_at", "-pk")[:5])
    return {
        "applications": applications,
        "representation": representation_for(request.user),
        "outcome_tasks": outcome_tasks(visible),
    }


def home_internal(request):
    """How many applications wait for this person's roles (one query)."""
    from django.db.models import Count, Q

    from .models import Status, SupportApplication

    counts = SupportApplication.objects.aggregate(
        review=Count(
            "pk",
            filter=Q(
                status__in=(Status.SUBMITTED, Status.UNDER_REVIEW, Status.BUDGET_REJECTED, Status.COMPLETION_SUBMITTED)
            ),
        ),
        budget=Count("pk", filter=Q(status=Status.RECOMMENDED)),
        decision=Count("pk", filter=Q(status=Status.BUDGET_APPROVED)),
        payment=Count("pk", filter=Q(status=Status.ACCEPTED)),
    )
    user = request.user
    return {
        "counts": counts,
        "is_staff": user.has_role("staff"),
        "is_finance": user.has_role("finance"),
        "is_leader": user.has_role("leader"),
    }
