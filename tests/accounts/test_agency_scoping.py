"""Agencies own their records: an internal user of agency A gets 404 for every object URL of
agency B (GET and POST, and nothing changes), and A's lists, queues, dashboards and home pages show
none of B's records while they show A's."""

import pytest
from django.urls import get_resolver, resolve, reverse

from accounts.models import INTERNAL_ROLES
from programs.applications.models import ApplicationDocument
from programs.models import ActivityAttachment
from tests.accounts.test_role_matrix import _walk
from tests.agency_world import agency_world, object_urls

pytestmark = pytest.mark.django_db
INTERNAL = ("staff", "finance", "leader", "admin")
SCOPED_APPS = ("enterprises", "programs", "applications", "training", "reports")


@pytest.fixture
def worlds(db):
    return agency_world(code="test-agency", marker="ALPHAQ", default=True), agency_world(
        code="agency-b", marker="BETAZ"
    )


def _internal_object_url_names() -> set[str]:
    names = set()
    for route, pattern, namespace in _walk(get_resolver().url_patterns):
        roles = getattr(pattern.callback, "required_roles", None)
        if roles and "<" in route and namespace in SCOPED_APPS and set(roles) & set(INTERNAL_ROLES):
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_every_object_url_open_to_internal_roles_is_checked(worlds):
    _a, b = worlds
    assert _internal_object_url_names() == set(object_urls(b))


def _state(world):
    objects = (world.plan, world.application, world.estimate, world.course, world.report, world.partner_report)
    for obj in (*objects, world.enrolment, world.enterprise, world.pending):
        obj.refresh_from_db()
    return (
        [getattr(o, "status", None) for o in (*objects, world.enrolment, world.pending)],
        world.application.reviewer_id,
        world.enterprise.name,
        ActivityAttachment.objects.filter(pk=world.attachment.pk).exists(),
        ApplicationDocument.objects.filter(pk=world.document.pk).exists(),
        world.course.sessions.count(),
    )


@pytest.mark.parametrize("role", INTERNAL)
def test_agency_a_gets_404_for_every_object_of_agency_b_on_get_and_post(worlds, make_user, client_for, role):
    a, b = worlds
    client = client_for(make_user(role))  # a member of agency A
    before = _state(b)
    own, checked = object_urls(a), 0
    for name, args in object_urls(b).items():
        url = reverse(name, args=args)
        if role not in resolve(url).func.required_roles:
            continue
        # POST-only actions answer 405 to a GET whatever the object (as they do for A's own).
        expected_get = 405 if client.get(reverse(name, args=own[name])).status_code == 405 else 404
        assert client.get(url).status_code == expected_get, (name, "GET")
        assert client.post(url, {}).status_code == 404, (name, "POST")
        checked += 1
    assert checked >= {"staff": 50, "finance": 12, "leader": 12, "admin": 30}[role]
    assert _state(b) == before


LIST_PAGES = {
    "staff": [
        "accounts:home",
        "programs:dashboard",
        "programs:plan_list",
        "programs:budget_list",
        "programs:partner_report_list",
        "programs:news_manage",
        "applications:queue",
        "enterprises:list",
        "enterprises:representatives",
        "training:course_list",
        "training:participant_list",
        "training:person_times",
        "reports:list",
    ],
    "finance": [
        "accounts:home",
        "programs:dashboard",
        "programs:budget_list",
        "applications:budget_queue",
        "applications:disbursements",
        "enterprises:list",
        "reports:list",
    ],
    "leader": [
        "accounts:home",
        "programs:dashboard",
        "programs:partner_report_list",
        "applications:decisions",
        "enterprises:list",
        "reports:list",
    ],
}


@pytest.mark.parametrize("role", sorted(LIST_PAGES))
def test_lists_queues_and_dashboards_of_a_show_none_of_b(worlds, make_user, client_for, role):
    a, b = worlds
    client = client_for(make_user(role))
    seen_a = 0
    for name in LIST_PAGES[role]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        page = response.content.decode()
        assert b.marker not in page, name
        assert b.plan.agency.code_prefix + "-" not in page, name
        seen_a += a.marker in page
    assert seen_a >= len(LIST_PAGES[role]) - 3  # A's own records are there (not an empty page)
    # Asking for B's plan on A's dashboard or budget is a 404, not B's figures.
    for name in ("programs:dashboard", "programs:budget_list"):
        assert client.get(reverse(name) + f"?plan={b.plan.pk}").status_code == 404


def test_in_django_admin_staff_keep_only_their_agencies_schemes_and_partners(worlds, make_user, client_for):
    a, b = worlds
    staff = client_for(make_user("staff"))
    for model in ("applications/supportscheme", "applications/policyversion", "programs/partnerorganisation"):
        page = staff.get(f"/admin/{model}/").content.decode()
        assert b.marker not in page, model
    assert a.marker in staff.get("/admin/applications/supportscheme/").content.decode()
    response = staff.get(f"/admin/applications/supportscheme/{b.scheme.pk}/change/")
    assert response.status_code == 302  # "does not exist": back to the admin index
    assert staff.get(f"/admin/applications/supportscheme/{a.scheme.pk}/change/").status_code == 200


def test_an_admin_change_is_audited_and_stays_within_the_agencies(worlds, make_user, client_for):
    """#17 (every admin change audited) and #12 (staff keep only their agencies' records) together."""
    from core.models import AuditEvent

    a, b = worlds
    user = make_user("staff")
    staff = client_for(user)
    ours, theirs = a.partner_report.organisation, b.partner_report.organisation
    url = "/admin/programs/partnerorganisation/{}/change/"
    data = {"agency": a.agency.pk, "name": f"Sở Công Thương {a.marker} (mới)", "kind": ours.kind, "is_active": "on"}
    # Moving the record to agency B is not a choice offered: refused, nothing changed.
    assert staff.post(url.format(ours.pk), {**data, "agency": b.agency.pk}).status_code == 200
    # B's record does not exist for them: back to the admin index, unchanged.
    response = staff.post(url.format(theirs.pk), {**data, "agency": b.agency.pk})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not AuditEvent.objects.filter(action="admin.programs.partnerorganisation.changed").exists()
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.agency, ours.name, theirs.name) == (
        a.agency,
        f"Sở Công Thương {a.marker}",
        f"Sở Công Thương {b.marker}",
    )
    # Their own record: changed and audited.
    assert staff.post(url.format(ours.pk), data).status_code == 302
    ours.refresh_from_db()
    assert ours.name == data["name"]
    event = AuditEvent.objects.get(action="admin.programs.partnerorganisation.changed")
    assert (event.actor, event.object_id, event.data["fields"]) == (user, str(ours.pk), ["name"])


def test_what_an_agency_sees_of_the_shared_enterprise_registry(worlds, make_user):
    from enterprises.models import Enterprise
    from enterprises.selectors import enterprises_visible_to
    from tests.agency_world import province
    from tests.applications.factories import ApplicationFactory
    from training.models import Enrolment, EnrolmentStatus, Participant

    a, b = worlds
    elsewhere = province("Tỉnh thứ ba")

    def enterprise(name, unit):
        return Enterprise.objects.create(tax_code=f"40000{len(name):02d}{ord(name[-1]):03d}", name=name, unit=unit)

    applied = enterprise("Nộp hồ sơ ở A", elsewhere)
    ApplicationFactory(scheme=a.scheme, enterprise=applied, reference_code="A-X")
    trained = enterprise("Học ở A", elsewhere)
    Enrolment.objects.create(
        course=a.course,
        participant=Participant.objects.create(full_name="Người học"),
        enterprise=trained,
        status=EnrolmentStatus.REGISTERED,
        registered_at=a.enrolment.registered_at,
    )
    unknown = enterprise("Chưa rõ địa bàn", None)
    stranger = enterprise("Ở nơi khác", elsewhere)
    seen = set(enterprises_visible_to(user=make_user("finance")))
    assert seen == {a.enterprise, applied, trained, unknown}  # area, application, enrolment, no unit
    assert stranger not in seen
    assert b.enterprise not in seen
    # A user of no agency sees no agency's enterprises (only those whose unit is unknown).
    assert set(enterprises_visible_to(user=make_user("staff", agency=None))) == {unknown}
