"""Staff pages to keep plans: objectives, indicators, annual plans and targets, task groups, tasks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import role_required

from .. import forms
from ..models import AnnualPlan, AnnualTarget, Indicator, Objective, Plan, Task, TaskGroup
from ..permissions import PLAN_EDITORS
from ..selectors.plans import plan_structure, plans_list
from ..services import annual_target_save, plan_item_save, plan_save
from .common import add_errors, save_form


def _plan_url(plan) -> str:
    return reverse("programs:plan_detail", args=[plan.pk])


@role_required(*PLAN_EDITORS)
def plan_list(request):
    return render(request, "programs/plan_list.html", {"plans": plans_list()})


@role_required(*PLAN_EDITORS)
def plan_detail(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    annual = AnnualPlan.objects.filter(plan=plan).order_by("year")
    return render(request, "programs/plan_detail.html", {"plan": plan, "annual_plans": annual, **plan_structure(plan)})


@role_required(*PLAN_EDITORS)
def plan_edit(request, pk=None):
    plan = get_object_or_404(Plan, pk=pk) if pk else Plan()
    form = forms.PlanForm(request.POST or None, instance=plan)
    back = _plan_url(plan) if pk else reverse("programs:plan_list")
    return save_form(
        request,
        form,
        lambda f: plan_save(plan=f.save(commit=False), actor=request.user),
        success_url=lambda: _plan_url(form.instance),
        title=_("Plan"),
        back_url=back,
    )


def _item_edit(request, *, form_class, instance, plan, title, **form_kwargs):
    form = form_class(request.POST or None, instance=instance, **form_kwargs)
    return save_form(
        request,
        form,
        lambda f: plan_item_save(item=f.save(commit=False), actor=request.user),
        success_url=_plan_url(plan),
        title=title,
        back_url=_plan_url(plan),
    )


@role_required(*PLAN_EDITORS)
def objective_edit(request, plan_pk=None, pk=None):
    obj = (
        get_object_or_404(Objective.objects.select_related("plan"), pk=pk)
        if pk
        else Objective(plan=get_object_or_404(Plan, pk=plan_pk))
    )
    return _item_edit(request, form_class=forms.ObjectiveForm, instance=obj, plan=obj.plan, title=_("Objective"))


@role_required(*PLAN_EDITORS)
def indicator_edit(request, objective_pk=None, pk=None):
    if pk:
        ind = get_object_or_404(Indicator.objects.select_related("objective__plan"), pk=pk)
    else:
        ind = Indicator(objective=get_object_or_404(Objective.objects.select_related("plan"), pk=objective_pk))
    return _item_edit(
        request, form_class=forms.IndicatorForm, instance=ind, plan=ind.objective.plan, title=_("Indicator")
    )


@role_required(*PLAN_EDITORS)
def task_group_edit(request, plan_pk=None, pk=None):
    group = (
        get_object_or_404(TaskGroup.objects.select_related("plan"), pk=pk)
        if pk
        else TaskGroup(plan=get_object_or_404(Plan, pk=plan_pk))
    )
    return _item_edit(request, form_class=forms.TaskGroupForm, instance=group, plan=group.plan, title=_("Task group"))


@role_required(*PLAN_EDITORS)
def task_edit(request, group_pk=None, pk=None):
    task = (
        get_object_or_404(Task.objects.select_related("group__plan"), pk=pk)
        if pk
        else Task(group=get_object_or_404(TaskGroup.objects.select_related("plan"), pk=group_pk))
    )
    return _item_edit(request, form_class=forms.TaskForm, instance=task, plan=task.group.plan, title=_("Task"))


@role_required(*PLAN_EDITORS)
def annual_plan_edit(request, plan_pk=None, pk=None):
    annual = (
        get_object_or_404(AnnualPlan.objects.select_related("plan"), pk=pk)
        if pk
        else AnnualPlan(plan=get_object_or_404(Plan, pk=plan_pk))
    )
    form = forms.AnnualPlanForm(request.POST or None, instance=annual)
    return save_form(
        request,
        form,
        lambda f: plan_item_save(item=f.save(commit=False), actor=request.user),
        success_url=lambda: reverse("programs:annual_plan_detail", args=[form.instance.pk]),
        title=_("Annual plan"),
        back_url=_plan_url(annual.plan),
    )


@role_required(*PLAN_EDITORS)
def annual_plan_detail(request, pk):
    """An annual plan with its yearly targets, and a form to set one."""
    annual = get_object_or_404(AnnualPlan.objects.select_related("plan"), pk=pk)
    form = forms.AnnualTargetForm(request.POST or None, plan=annual.plan)
    if request.method == "POST" and form.is_valid():
        try:
            annual_target_save(annual_plan=annual, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programs:annual_plan_detail", pk=annual.pk)
    targets = (
        AnnualTarget.objects.filter(annual_plan=annual)
        .select_related("indicator__objective")
        .order_by("indicator__objective__order", "indicator__order")
    )
    return render(
        request,
        "programs/annual_plan_detail.html",
        {"annual": annual, "targets": targets, "form": form},
        status=400 if form.errors else 200,
    )
