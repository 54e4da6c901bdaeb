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
