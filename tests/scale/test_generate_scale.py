"""The scale generator at its tiny size: counts, valid tax codes, consistent states and money,
every reference inside the record's own agency, the same rows for the same seed, and a refusal
on a second run that adds nothing."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Sum

from core.scale import SCALES, generate, generated_agencies
from enterprises.models import Enterprise, Representative
from enterprises.validators import normalise_tax_code
from programs.applications.models import (
    TRANSITIONS,
    ApplicationEvent,
    Disbursement,
    LedgerEntry,
    LedgerKind,
    Status,
    SupportApplication,
)
from programs.models import BudgetEstimate
from training.models import Attendance, Course, Enrolment, EnrolmentStatus, Participant

pytestmark = pytest.mark.django_db
AGENCIES, SIZES = SCALES["tiny"]


def _agency_of_unit() -> dict[int, int]:
    """Commune id → the generated agency whose province contains it."""
    mapping = {}
    for agency in generated_agencies().prefetch_related("areas"):
        for area in agency.areas.all():
            for commune in area.unit.children.values_list("pk", flat=True):
                mapping[commune] = agency.pk
    return mapping


@pytest.fixture
def generated():
    call_command("generate_scale", "--scale", "tiny", "--seed", "7", verbosity=0)


def test_counts_per_agency(generated):
    agencies = list(generated_agencies())
    assert len(agencies) == AGENCIES == 2
    unit_agency = _agency_of_unit()
    per_agency = {a.pk: 0 for a in agencies}
    for unit_id in Enterprise.objects.values_list("unit_id", flat=True):
        per_agency[unit_agency[unit_id]] += 1
    assert per_agency == {a.pk: SIZES.enterprises for a in agencies}
    for agency in agencies:
        plan = agency.plans.get()
        assert SupportApplication.objects.filter(scheme__plan=plan).count() == SIZES.applications
        assert Course.objects.filter(agency=agency, plan=plan).count() == SIZES.courses
        assert Enrolment.objects.filter(course__agency=agency).count() == SIZES.enrolments
        assert plan.objectives.count() == 4
        assert sorted(i.measure for o in plan.objectives.all() for i in o.indicators.all()) == [
            "applications.conformity_organisations",
            "applications.supported_enterprises",
            "enterprises.model_enterprises",
            "training.person_times",
            "training.person_times",
        ]
    assert Participant.objects.count() == AGENCIES * SIZES.participants


def test_tax_codes_are_valid_and_unique(generated):
    codes = list(Enterprise.objects.values_list("tax_code", flat=True))
    assert len(codes) == len(set(codes)) == AGENCIES * SIZES.enterprises
    assert [normalise_tax_code(code) for code in codes] == codes


def test_application_states_follow_their_events(generated):
    statuses = set(SupportApplication.objects.values_list("status", flat=True))
    assert {Status.DRAFT, Status.SUBMITTED, Status.DISBURSED, Status.REJECTED} <= statuses
    events = {}
    for app_id, source, target in ApplicationEvent.objects.order_by("created_at", "pk").values_list(
        "application_id", "from_status", "to_status"
    ):
        events.setdefault(app_id, []).append((source, target))
    for app in SupportApplication.objects.all():
        path = events.get(app.pk, [])
        state = Status.DRAFT
        for source, target in path:
            assert source == state, (app.pk, path)
            assert target in TRANSITIONS[state], (app.pk, path)
            state = target
        assert state == app.status
        assert (app.reference_code is None) == (app.status == Status.DRAFT)
        if app.reference_code:
            assert app.reference_code.startswith(app.scheme.plan.agency.code_prefix + f"-{app.year}-")


def test_money_adds_up(generated):
    for estimate in BudgetEstimate.objects.filter(plan__agency__in=generated_agencies()):
        sums = dict(
            LedgerEntry.objects.filter(estimate=estimate)
            .values("kind")
            .annotate(s=Sum("amount"))
            .values_list("kind", "s")
        )
        assert estimate.reserved_amount == sums.get(LedgerKind.RESERVATION, 0) <= estimate.approved_amount
        assert estimate.disbursed_amount == sums.get(LedgerKind.PAYMENT, 0)
    disbursed = SupportApplication.objects.filter(status=Status.DISBURSED)
    assert Disbursement.objects.count() == disbursed.count() > 0
    for app in disbursed:
        assert app.disbursed_amount == app.approved_amount == app.ledger.get(kind=LedgerKind.PAYMENT).amount
        assert app.estimate.source_id == app.scheme.funding_source_id
        assert app.estimate.year == app.year


def test_every_reference_stays_in_its_agency(generated):
    unit_agency = _agency_of_unit()
    enterprise_agency = {pk: unit_agency[unit] for pk, unit in Enterprise.objects.values_list("pk", "unit_id")}
    represented = set(Representative.objects.values_list("user_id", "enterprise_id"))
    for app in SupportApplication.objects.select_related("scheme__plan", "estimate", "policy_version"):
        agency = app.scheme.plan.agency
        assert enterprise_agency[app.enterprise_id] == agency.pk
        assert (app.applicant_id, app.enterprise_id) in represented
        assert app.policy_version.scheme_id == app.scheme_id
        if app.reviewer_id:
            assert agency.members.filter(pk=app.reviewer_id).exists()
        if app.estimate_id:
            assert app.estimate.plan_id == app.scheme.plan_id
    for enrolment in Enrolment.objects.select_related("course__plan", "participant"):
        agency_id = enrolment.course.agency_id
        assert enrolment.course.plan.agency_id == agency_id
        assert enrolment.enterprise_id == enrolment.participant.enterprise_id
        if enrolment.enterprise_id:
            assert enterprise_agency[enrolment.enterprise_id] == agency_id
    mismatched = Attendance.objects.exclude(session__course=F("enrolment__course"))
    assert not mismatched.exists()
    counted = Enrolment.objects.filter(status__in=(EnrolmentStatus.ATTENDED, EnrolmentStatus.CERTIFIED))
    assert set(
        Attendance.objects.filter(present=True)
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values_list("enrolment", "n")
    ) == {(pk, 2) for pk in counted.values_list("pk", flat=True)}


def _content():
    """What the generator wrote, without the ids (the sequences move on)."""
    return (
        list(Enterprise.objects.order_by("pk").values_list("tax_code", "size_class", "employees", "revenue")),
        list(SupportApplication.objects.order_by("pk").values_list("status", "year", "requested_amount", "created_at")),
        list(Enrolment.objects.order_by("pk").values_list("status", "registered_at")),
    )


class Rollback(Exception):
    pass


def _generated_content(seed):
    content = None
    try:
        with transaction.atomic():
            generate(scale="tiny", seed=seed, log=lambda line: None)
            content = _content()
            raise Rollback
    except Rollback:
        return content


def test_the_same_seed_gives_the_same_rows():
    first, again, other = _generated_content(7), _generated_content(7), _generated_content(8)
    assert first == again
    assert first[1] != other[1]
    assert len(first[0]) == AGENCIES * SIZES.enterprises


def test_second_run_is_refused_and_adds_nothing(generated):
    before = (Enterprise.objects.count(), SupportApplication.objects.count(), Enrolment.objects.count())
    with pytest.raises(
        CommandError,
        match=r"Cơ sở dữ liệu này đã có dữ liệu sinh tự động \(các sở scale-01, scale-02…\): không thêm gì",
    ):
        call_command("generate_scale", "--scale", "tiny", verbosity=0)
    assert (Enterprise.objects.count(), SupportApplication.objects.count(), Enrolment.objects.count()) == before
    assert generated_agencies().count() == AGENCIES


def test_bad_sizes_are_refused():
    with pytest.raises(CommandError, match=r"^Hệ số quy mô phải từ 1 trở lên\.$"):
        call_command("generate_scale", "--scale", "tiny", "--factor", "0", verbosity=0)
    with pytest.raises(CommandError, match=r"^Số sở phải từ 1 đến 99\.$"):
        call_command("generate_scale", "--scale", "tiny", "--agencies", "100", verbosity=0)
    assert not generated_agencies().exists()
    assert not Enterprise.objects.exists()


def test_the_generated_plans_get_fresh_facts_equal_to_the_raw_rows(generated):
    from facts.models import FactState
    from programs.selectors.kpi import plan_kpis

    for agency in generated_agencies():
        plan = agency.plans.get()
        assert FactState.objects.get(plan=plan).stale is False
        with_facts = {r.code: (dict(r.yearly_actual), r.period_actual) for r in plan_kpis(plan=plan)}
        FactState.objects.filter(plan=plan).update(stale=True)
        raw = {r.code: (dict(r.yearly_actual), r.period_actual) for r in plan_kpis(plan=plan)}
        assert with_facts == raw
        assert any(total for _years, total in raw.values())


def test_every_enrolled_person_is_listed_for_the_agency_of_the_course(generated):
    from training.models import ParticipantAgency

    enrolled = set(Enrolment.objects.values_list("participant_id", "course__agency_id").distinct())
    assert {agency for _person, agency in enrolled} == set(generated_agencies().values_list("pk", flat=True))
    assert set(ParticipantAgency.objects.values_list("participant_id", "agency_id")) == enrolled
