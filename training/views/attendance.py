"""Staff: the attendance sheet of a session."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import role_required
from core import clock

from .. import services
from ..models import (
    Enrolment,
)
from ..permissions import STAFF_ROLES
from ..selectors import attendance_page
from .courses import _sessions


# --- Staff: attendance --------------------------------------------------------------------------------
@role_required(*STAFF_ROLES)
def attendance_sheet(request, pk: int):
    """The attendance sheet of one session, 50 participants a page: mark all, or each one present or absent."""
    session = get_object_or_404(_sessions(request).select_related("course", "course__kind"), pk=pk)
    page = attendance_page(session, request.GET.get("page"))
    return render(
        request,
        "training/attendance_sheet.html",
        {
            "session": session,
            "course": session.course,
            "page": page,
            "rows": page.rows,
            "present_count": page.present_count,
            "upcoming": session.date > clock.today(),
        },
    )


@require_POST
@role_required(*STAFF_ROLES)
def attendance_mark(request, pk: int, enrolment_pk: int):
    """Mark one participant (HTMX: returns the updated row)."""
    session = get_object_or_404(_sessions(request).select_related("course"), pk=pk)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("participant", "enterprise"), pk=enrolment_pk, course=session.course
    )
    present = request.POST.get("present") == "1"
    try:
        services.attendance_set(session=session, enrolment=enrolment, present=present, actor=request.user)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=400)
        messages.error(request, " ".join(error.messages))
        return redirect("training:attendance_sheet", pk=session.pk)
    if request.htmx:
        return render(
            request,
            "training/_attendance_row.html",
            {"session": session, "row": {"enrolment": enrolment, "present": present}},
        )
    return redirect("training:attendance_sheet", pk=session.pk)


@require_POST
@role_required(*STAFF_ROLES)
def attendance_mark_all(request, pk: int):
    session = get_object_or_404(_sessions(request), pk=pk)
    try:
        count = services.attendance_mark_all(session=session, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)d participants marked present.") % {"count": count})
    return redirect("training:attendance_sheet", pk=session.pk)
