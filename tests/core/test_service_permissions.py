"""Every service that takes an ``actor`` checks the actor's role first: called by a user of a wrong
role, each refuses with PermissionDenied (the role tables' message) and changes nothing.

The services are found by walking each app's ``services`` modules, not listed by hand; their other
arguments come from one small table by parameter name (records of ``tests.agency_world``), since a
refusal must come before they are used.
"""

import datetime
import importlib
import inspect
import pkgutil

import pytest

from core.models import AuditEvent

SERVICE_PACKAGES = (
    "accounts.services",
    "enterprises.services",
    "enterprises.reference_data",
    "programs.services",
    "programs.applications.services",
    "programs.applications.outcomes.services",
    "training.services",
    "reports.services",
)
# Steps called inside a service that has already checked its actor (the workflow move, the money
# ledger, the audited save) and a yes/no question that changes nothing.
NOT_ENTRY_POINTS = {
    "programs.applications.services.common.move",
    "programs.applications.services.budget.ledger_record",
    "programs.applications.services.budget.release_reservation",
    "programs.services.common.save_audited",
    "training.services.can_cancel_enrolment",
}
# The partner's own services: for them the wrong role is an enterprise user.
PARTNER_SERVICES = {"partner_report_save", "partner_figure_save", "partner_activity_save", "partner_report_submit"}


def _modules():
    for name in SERVICE_PACKAGES:
        module = importlib.import_module(name)
        yield module
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            yield importlib.import_module(f"{name}.{info.name}")


def services_taking_an_actor():
    found = {}
    for module in _modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            path = f"{function.__module__}.{name}"
            if (
                function.__module__ == module.__name__
                and not name.startswith("_")
                and "actor" in inspect.signature(function).parameters
                and path not in NOT_ENTRY_POINTS
            ):
                found[path] = function
    return found


def _arguments(world, other_user) -> dict:
    """Arguments by parameter name; any other required parameter gets ``None``."""
    w = world
    return {
        "application": w.application,
        "document": w.document,
        "scheme": w.scheme,
        "plan": w.plan,
        "estimate": w.estimate,
        "indicator": w.indicator,
        "annual_plan": w.annual,
        "activity": w.activity,
        "attachment": w.attachment,
        "item": w.objective,
        "post": w.news,
        "report": w.partner_report,
        "run": w.report,
        "course": w.course,
        "session": w.session,
        "enrolment": w.enrolment,
        "representative": w.pending,
        "enterprise": w.enterprise,
        "agency": w.agency,
        "user": other_user,
        "roles": {"staff"},
        "before": set(),
        "stage": "baseline",
        "data": {"name": "Đổi tên"},
        "reason": "Lý do",
        "amount": 1_000_000,
        "date": datetime.date(2026, 11, 30),
        "kind": "annual",
    }


def test_the_walk_finds_the_services():
    names = {path.rsplit(".", 1)[1] for path in services_taking_an_actor()}
    assert {"enterprise_create", "report_finalise", "application_approve_budget", "course_create"} <= names
    assert len(names) >= 65


@pytest.mark.django_db
def test_every_service_refuses_an_actor_of_a_wrong_role(make_user):
    from tests.agency_world import agency_world

    world = agency_world(code="test-agency", marker="ALPHAQ", default=True)
    wrong = {"partner": make_user("partner"), "enterprise": make_user("enterprise")}
    arguments = _arguments(world, other_user=make_user("enterprise"))
    events = AuditEvent.objects.count()
    not_refused = {}
    for path, service in services_taking_an_actor().items():
        name = path.rsplit(".", 1)[1]
        actor = wrong["enterprise" if name in PARTNER_SERVICES else "partner"]
        kwargs = {
            p.name: arguments.get(p.name)
            for p in inspect.signature(service).parameters.values()
            if p.default is inspect.Parameter.empty and p.kind != inspect.Parameter.VAR_KEYWORD
        }
        kwargs["actor"] = actor
        try:
            service(**kwargs)
        except Exception as error:  # noqa: BLE001 - the kind of refusal is what is checked
            if type(error).__name__ != "PermissionDenied" or str(error) != "Vai trò của bạn không được làm việc này.":
                not_refused[path] = repr(error)
        else:
            not_refused[path] = "no refusal"
    assert not_refused == {}
    assert AuditEvent.objects.count() == events
