"""Staff pages to keep plans: objectives, indicators, annual plans and targets, task groups, tasks,
the plan's life cycle and "new plan from this one". Every object is looked up among the plans of
the user's agencies: another agency's is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_refusal

from .. import forms
from ..agencies import member_agencies, scoped
from ..lifecycle import close_problems
from ..models import AnnualPlan, AnnualTarget, Indicator, Objective, Plan, PlanStatus, Task, TaskGroup
from ..permissions import ROLES
from ..selectors.plans import plan_structure, plans_list, plans_visible_to
from ..selectors.succession import successor_baselines
from ..services import (
    annual_target_save,
    plan_activate,
    plan_approve,
    plan_close,
    plan_create_successor,
    plan_item_save,
    plan_save,
)
from .common import save_form


def _plan_url(plan) -> str:
    return reverse("programs:plan_detail", args=[plan.pk])


def _plan(request, pk) -> Plan:
    return get_object_or_404(plans_visible_to(user=request.user), pk=pk)


def _item(request, model, pk, plan_lookup, *related):
    return get_object_or_404(scoped(model.objects.select_related(*related), request.user, plan_lookup), pk=pk)


@ROLES.required("plan_edit")
def plan_list(request):
    return render(request, "programs/plan_list.html", {"plans": plans_list(user=request.user)})


@ROLES.required("plan_edit")
def plan_detail(request, pk):
    plan = _plan(request, pk)
    annual = AnnualPlan.objects.filter(plan=plan).order_by("year")
    context = {
        "plan": plan,
        "annual_plans": annual,
        "editable": plan.status != PlanStatus.CLOSED,
        **plan_structure(plan),
    }
    if plan.status == PlanStatus.DRAFT:
        context["approve_form"] = forms.PlanApproveForm()
    if plan.status == PlanStatus.ACTIVE:
        context["close_problems"] = close_problems(plan)
    return render(request, "programs/plan_detail.html", context)


@ROLES.required("plan_edit")
def plan_edit(request, pk=None):
    plan = _plan(request, pk) if pk else Plan()
    form = forms.PlanForm(request.POST or None, instance=plan, agencies=member_agencies(request.user))
    back = _plan_url(plan) if pk else reverse("programs:plan_list")

    def save(f):
        try:
            plan_save(plan=f.save(commit=False), actor=request.user)
        except PermissionDenied as exc:
            raise ValidationError(str(exc)) from exc

    return save_form(request, form, save, success_url=lambda: _plan_url(form.instance), title=_("Plan"), back_url=back)


@require_POST
@ROLES.required("plan_edit")
def plan_step(request, pk, step):
    """One step of the plan's life cycle: approve (with the decision), activate, close."""
    plan = _plan(request, pk)
    try:
        if step == "approve":
            form = forms.PlanApproveForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            plan_approve(plan=plan, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The plan is approved."))
        elif step == "activate":
            plan_activate(plan=plan, actor=request.user)
            messages.success(request, _("The plan is in force."))
        elif step == "close":
            plan_close(plan=plan, actor=request.user)
            messages.success(request, _("The plan is closed. It stays readable."))
        else:
            raise ValidationError(_("Unknown step."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(_plan_url(plan))


@ROLES.required("plan_edit")
def plan_successor(request, pk):
    """“New plan from this one”: the next span's draft, with each indicator's baseline from this
    plan's final actuals, shown and editable before the draft is made."""
    plan = _plan(request, pk)
    agencies = member_agencies(request.user)
    span = plan.end_year - plan.start_year
    own = agencies.filter(predecessor=plan.agency).first() or agencies.filter(pk=plan.agency_id).first()
    initial = {
        "agency": own or agencies.first(),
        "title": plan.title,
        "short_title": plan.short_title,
        "issuing_body": plan.issuing_body,
        "province_name": own.place_name if own else plan.province_name,
        "start_year": plan.end_year + 1,
        "end_year": plan.end_year + 1 + span,
    }
    form = forms.SuccessorForm(
        request.POST or None, initial=initial, agencies=agencies, baselines=successor_baselines(plan)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("baseline_")}
        try:
            successor = plan_create_successor(plan=plan, actor=request.user, baselines=form.baselines(), **data)
        except (ValidationError, PermissionDenied) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The draft of the next plan was created from this one."))
            return redirect(_plan_url(successor))
    return render(
        request, "programs/plan_successor.html", {"plan": plan, "form": form}, status=400 if form.errors else 200
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


@ROLES.required("plan_edit")
def objective_edit(request, plan_pk=None, pk=None):
    obj = _item(request, Objective, pk, "plan__agency", "plan") if pk else Objective(plan=_plan(request, plan_pk))
    return _item_edit(request, form_class=forms.ObjectiveForm, instance=obj, plan=obj.plan, title=_("Objective"))


@ROLES.required("plan_edit")
def indicator_edit(request, objective_pk=None, pk=None):
    if pk:
        ind = _item(request, Indicator, pk, "objective__plan__agency", "objective__plan")
    else:
        ind = Indicator(objective=_item(request, Objective, objective_pk, "plan__agency", "plan"))
    return _item_edit(
        request, form_class=forms.IndicatorForm, instance=ind, plan=ind.objective.plan, title=_("Indicator")
    )


@ROLES.required("plan_edit")
def task_group_edit(request, plan_pk=None, pk=None):
    group = _item(request, TaskGroup, pk, "plan__agency", "plan") if pk else TaskGroup(plan=_plan(request, plan_pk))
    return _item_edit(request, form_class=forms.TaskGroupForm, instance=group, plan=group.plan, title=_("Task group"))


@ROLES.required("plan_edit")
def task_edit(request, group_pk=None, pk=None):
    task = (
        _item(request, Task, pk, "group__plan__agency", "group__plan")
        if pk
        else Task(group=_item(request, TaskGroup, group_pk, "plan__agency", "plan"))
    )
    return _item_edit(request, form_class=forms.TaskForm, instance=task, plan=task.group.plan, title=_("Task"))


@ROLES.required("plan_edit")
def annual_plan_edit(request, plan_pk=None, pk=None):
    annual = _item(request, AnnualPlan, pk, "plan__agency", "plan") if pk else AnnualPlan(plan=_plan(request, plan_pk))
    form = forms.AnnualPlanForm(request.POST or None, instance=annual)
    return save_form(
        request,
        form,
        lambda f: plan_item_save(item=f.save(commit=False), actor=request.user),
        success_url=lambda: reverse("programs:annual_plan_detail", args=[form.instance.pk]),
        title=_("Annual plan"),
        back_url=_plan_url(annual.plan),
    )


@ROLES.required("plan_edit")
def annual_plan_detail(request, pk):
    """An annual plan with its yearly targets, and a form to set one."""
    annual = _item(request, AnnualPlan, pk, "plan__agency", "plan")
    form = forms.AnnualTargetForm(request.POST or None, plan=annual.plan)
    if request.method == "POST" and form.is_valid():
        try:
            annual_target_save(annual_plan=annual, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
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
