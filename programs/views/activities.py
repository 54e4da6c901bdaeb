"""Staff pages for activities and their attachments (served only through a permission check)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import stream_file
from core.forms import add_refusal
from core.querystring import parse_query

from .. import forms
from ..agencies import scoped
from ..models import Activity, ActivityAttachment, ActivityKind
from ..permissions import ROLES
from ..selectors.plans import plan_activities, plans_visible_to
from ..services import activity_attach, activity_save, attachment_delete
from .common import PlanYearQuery, save_form


@ROLES.required("plan_edit")
def activity_list(request, plan_pk):
    plan = get_object_or_404(plans_visible_to(user=request.user), pk=plan_pk)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ActivityKind.values else ""
    year = parse_query(request, PlanYearQuery)["year"]
    page = Paginator(plan_activities(plan, kind=kind, year=year), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/activity_list.html",
        {
            "plan": plan,
            "page": page,
            "kinds": ActivityKind.choices,
            "kind": kind,
            "year": year,
            "years": list(plan.years),
        },
    )


@ROLES.required("plan_edit")
def activity_edit(request, plan_pk=None, pk=None):
    if pk:
        activity = get_object_or_404(
            scoped(Activity.objects.select_related("plan"), request.user, "plan__agency"), pk=pk
        )
    else:
        activity = Activity(plan=get_object_or_404(plans_visible_to(user=request.user), pk=plan_pk))
    form = forms.ActivityForm(request.POST or None, instance=activity, plan=activity.plan)
    back = reverse("programs:activity_list", args=[activity.plan_id])
    return save_form(
        request,
        form,
        lambda f: activity_save(activity=f.save(commit=False), actor=request.user),
        success_url=lambda: reverse("programs:activity_detail", args=[form.instance.pk]),
        title=_("Activity"),
        back_url=back,
    )


@ROLES.required("plan_edit")
def activity_detail(request, pk):
    activity = get_object_or_404(
        scoped(Activity.objects.select_related("plan", "task__group", "funding_source"), request.user, "plan__agency"),
        pk=pk,
    )
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity_attach(activity=activity, upload=form.cleaned_data["file"], actor=request.user)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The file was attached."))
            return redirect("programs:activity_detail", pk=activity.pk)
    return render(
        request,
        "programs/activity_detail.html",
        {
            "activity": activity,
            "attachments": activity.attachments.order_by("uploaded_at"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@ROLES.required("plan_edit")
def attachment_download(request, pk):
    """Serve an attachment to staff only; never from a public URL."""
    attachment = get_object_or_404(scoped(ActivityAttachment.objects, request.user, "activity__plan__agency"), pk=pk)
    return stream_file(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)


@require_POST
@ROLES.required("plan_edit")
def attachment_remove(request, pk):
    attachment = get_object_or_404(
        scoped(ActivityAttachment.objects.select_related("activity__plan"), request.user, "activity__plan__agency"),
        pk=pk,
    )
    activity_pk = attachment.activity_id
    attachment_delete(attachment=attachment, actor=request.user)
    messages.success(request, _("The file was removed."))
    return redirect("programs:activity_detail", pk=activity_pk)
