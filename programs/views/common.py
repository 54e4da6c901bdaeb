"""Helpers shared by the programs views."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.forms import add_refusal
from core.querystring import id_field, parse_query, year_field

from ..models import Plan
from ..selectors.plans import opening_plan, plans_for


def save_form(request, form, save, *, success_url, title, back_url, template="programs/form.html", extra=None):
    """Validate ``form``; call ``save(form)`` (one service); redirect or re-render with errors."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(success_url() if callable(success_url) else success_url)
    context = {"form": form, "title": title, "back_url": back_url, **(extra or {})}
    return render(request, template, context, status=400 if form.errors else 200)


class PlanYearQuery(forms.Form):
    plan = id_field()
    year = year_field()


def chosen_plan(request, plans=None) -> Plan | None:
    """The plan chosen with ``?plan=`` among ``plans`` (default: those the user may see; 404 for
    any other) or the plan the page opens on. A value that does not parse is ignored."""
    plans = plans_for(request.user) if plans is None else plans
    pk = parse_query(request, PlanYearQuery)["plan"]
    if pk is not None:
        return get_object_or_404(plans, pk=pk)
    return opening_plan(plans)


def chosen_basis(request) -> str:
    """``?basis=calendar`` for calendar years; the plan's data years otherwise."""
    from ..periods import Basis

    return Basis.CALENDAR if request.GET.get("basis") == Basis.CALENDAR else Basis.DATA


def chosen_year(request, plan: Plan) -> int | None:
    """``?year=`` when it is a year of the plan, else None (the whole period)."""
    year = parse_query(request, PlanYearQuery)["year"]
    if year is not None and plan.start_year <= year <= plan.end_year:
        return year
    return None
