from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render

from core.labels import action_choices
from core.models import AuditEvent
from core.navigation import home_sections_for, public_sections
from core.querystring import parse_query, text_field

from .permissions import ROLES


def public_home(request):
    """The public front page: names the programme; higher apps add public sections."""
    return render(request, "accounts/public_home.html", {"sections": home_sections_for_public(request)})


def home_sections_for_public(request):
    return [(s.template, s.context(request)) for s in public_sections()]


@ROLES.required("home")
def home(request):
    """The signed-in home: the sections the user's roles give (registered by higher apps)."""
    sections = [(s.template, s.context(request)) for s in home_sections_for(request.user)]
    return render(request, "accounts/home.html", {"sections": sections})


class AuditQuery(forms.Form):
    action = text_field(100)


@ROLES.required("audit_log")
def audit_log(request):
    events = AuditEvent.objects.select_related("actor", "content_type")
    action = (parse_query(request, AuditQuery)["action"] or "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page, "action": action, "actions": action_choices()})
