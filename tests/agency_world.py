"""One agency's records of every kind, each named with a marker, for the cross-agency tests.

``agency_world(agency, marker, unit)`` gives the agency a plan with its structure, an activity with
an attachment, an approved estimate, a scheme, an enterprise of its area with an application (and a
document), a pending representative, a course with a session and an enrolment, a report, a partner
report with evidence and a news post. Another agency's users must see none of it.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.core.files.base import ContentFile

from core import clock
from enterprises.models import AdministrativeUnit, Enterprise, Representative, RepresentativeStatus
from programs.applications.models import ApplicationDocument, Status
from programs.models import ActivityAttachment, AgencyArea, PartnerFigure, PartnerReport, PartnerReportStatus
from reports.models import ReportKind, ReportRun, ReportStatus
from tests.accounts.factories import UserFactory
from tests.applications.factories import (
    PDF_BYTES,
    ApplicationFactory,
    EstimateFactory,
    PolicyFactory,
    RequiredDocumentFactory,
    SchemeFactory,
)
from tests.programs.factories import (
    ActivityFactory,
    AgencyFactory,
    AnnualPlanFactory,
    IndicatorFactory,
    NewsPostFactory,
    ObjectiveFactory,
    PartnerOrganisationFactory,
    PlanFactory,
    TaskFactory,
    TaskGroupFactory,
)
from training.models import Course, CourseSession, CourseStatus, Enrolment, EnrolmentStatus, Participant

_unit_codes = itertools.count(91000)


def province(name: str) -> AdministrativeUnit:
    """A test province (a fresh code each call)."""
    return AdministrativeUnit.objects.create(code=str(next(_unit_codes)), name=name, level="province", kind="tỉnh")


@dataclass
class AgencyWorld:
    agency: object
    marker: str
    unit: object
    plan: object
    objective: object
    indicator: object
    annual: object
    group: object
    task: object
    activity: object
    attachment: object
    estimate: object
    scheme: object
    enterprise: object
    pending: object
    application: object
    document: object
    course: object
    session: object
    enrolment: object
    report: object
    partner_report: object
    figure: object
    news: object


def agency_world(*, code: str, marker: str, default: bool = False) -> AgencyWorld:
    """The records of one agency (the default test agency when ``default``), each carrying ``marker``."""
    agency = AgencyFactory() if default else AgencyFactory(code=code, name=f"Sở KH&CN {marker}")
    unit = province(f"Tỉnh thử nghiệm {code}")  # reference data everyone sees: no marker
    AgencyArea.objects.create(agency=agency, unit=unit, valid_from=datetime.date(2020, 1, 1))
    plan = PlanFactory(agency=agency, title=f"Kế hoạch {marker}", short_title=f"KH {marker}", end_year=2030)
    objective = ObjectiveFactory(plan=plan, code="a", title=f"Mục tiêu {marker}")
    indicator = IndicatorFactory(objective=objective, code="a.1", name=f"Chỉ tiêu {marker}")
    annual = AnnualPlanFactory(plan=plan, year=2026)
    group = TaskGroupFactory(plan=plan, number=1, title=f"Nhóm {marker}")
    task = TaskFactory(group=group, code="a", title=f"Nhiệm vụ {marker}")
    activity = ActivityFactory(plan=plan, task=task, title=f"Hoạt động {marker}", date=datetime.date(2026, 3, 1))
    attachment = ActivityAttachment(
        activity=activity, original_name=f"{marker}.pdf", content_type="application/pdf", size=len(PDF_BYTES)
    )
    attachment.file.save(f"{marker}.pdf", ContentFile(PDF_BYTES), save=True)
    year = clock.today().year
    estimate = EstimateFactory(plan=plan, year=year)
    scheme = SchemeFactory(plan=plan, title=f"Chương trình hỗ trợ {marker}", funding_source=estimate.source)
    RequiredDocumentFactory(policy_version=PolicyFactory(scheme=scheme))
    enterprise = Enterprise.objects.create(tax_code=_tax_code(marker), name=f"Công ty {marker}", unit=unit)
    rep = UserFactory(roles=("enterprise",), email=f"rep-{code}@test.vn")
    Representative.objects.create(user=rep, enterprise=enterprise, status=RepresentativeStatus.VERIFIED)
    pending = Representative.objects.create(
        user=UserFactory(roles=("enterprise",), email=f"pending-{code}@test.vn"),
        enterprise=enterprise,
        status=RepresentativeStatus.PENDING,
    )
    application = ApplicationFactory(
        scheme=scheme,
        enterprise=enterprise,
        applicant=rep,
        status=Status.SUBMITTED,
        reference_code=f"{agency.code_prefix}-{year}-0001",
        project_title=f"Dự án {marker}",
        year=year,
    )
    document = ApplicationDocument(
        application=application,
        original_name=f"{marker}.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=rep,
    )
    document.file.save(f"{marker}.pdf", ContentFile(PDF_BYTES), save=True)
    from tests.training.factories import kind

    start = clock.today() + datetime.timedelta(days=20)
    course = Course.objects.create(
        agency=agency,
        plan=plan,
        kind=kind("manager"),
        title=f"Khóa học {marker}",
        organiser=agency.name,
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        place="Hội trường",
        capacity=30,
        status=CourseStatus.OPEN,
    )
    session = CourseSession.objects.create(course=course, date=start)
    participant = Participant.objects.create(full_name=f"Học viên {marker}", email=f"hv-{code}@test.vn")
    enrolment = Enrolment.objects.create(
        course=course,
        participant=participant,
        enterprise=enterprise,
        status=EnrolmentStatus.REGISTERED,
        registered_at=clock.now(),
    )
    report = ReportRun.objects.create(
        plan=plan,
        kind=ReportKind.AD_HOC,
        data_from=datetime.date(2021, 1, 1),
        data_to=datetime.date(2021, 12, 31),
        status=ReportStatus.FAILED,
        signer_name=f"Người ký {marker}",
    )
    organisation = PartnerOrganisationFactory(agency=agency, name=f"Sở Công Thương {marker}")
    partner_report = PartnerReport.objects.create(
        organisation=organisation, plan=plan, year=2026, status=PartnerReportStatus.SUBMITTED, summary=marker
    )
    figure = PartnerFigure(report=partner_report, indicator=indicator, value=3, evidence_name=f"{marker}.pdf")
    figure.evidence_file.save(f"{marker}.pdf", ContentFile(PDF_BYTES), save=True)
    news = NewsPostFactory(agency=agency, plan=plan, title=f"Tin {marker}", slug=f"tin-{code}")
    return AgencyWorld(
        agency=agency,
        marker=marker,
        unit=unit,
        plan=plan,
        objective=objective,
        indicator=indicator,
        annual=annual,
        group=group,
        task=task,
        activity=activity,
        attachment=attachment,
        estimate=estimate,
        scheme=scheme,
        enterprise=enterprise,
        pending=pending,
        application=application,
        document=document,
        course=course,
        session=session,
        enrolment=enrolment,
        report=report,
        partner_report=partner_report,
        figure=figure,
        news=news,
    )


def _tax_code(marker: str) -> str:
    from enterprises.validators import tax_code_with_check_digit

    seed = sum(ord(c) for c in marker) * 7919
    for k in range(seed, seed + 1000):
        code = tax_code_with_check_digit(f"4{k % 100_000_000:08d}")
        if code and not Enterprise.objects.filter(tax_code=code).exists():
            return code
    raise AssertionError(marker)


def object_urls(world: AgencyWorld) -> dict[str, list]:
    """Every object URL an internal user could aim at one of ``world``'s records: url name → args."""
    w = world
    return {
        "enterprises:detail": [w.enterprise.pk],
        "enterprises:edit": [w.enterprise.pk],
        "enterprises:representative_decide": [w.pending.pk],
        "programs:plan_detail": [w.plan.pk],
        "programs:plan_edit": [w.plan.pk],
        "programs:plan_step": [w.plan.pk, "close"],
        "programs:plan_successor": [w.plan.pk],
        "programs:objective_create": [w.plan.pk],
        "programs:objective_edit": [w.objective.pk],
        "programs:indicator_create": [w.objective.pk],
        "programs:indicator_edit": [w.indicator.pk],
        "programs:annual_plan_create": [w.plan.pk],
        "programs:annual_plan_detail": [w.annual.pk],
        "programs:annual_plan_edit": [w.annual.pk],
        "programs:task_group_create": [w.plan.pk],
        "programs:task_group_edit": [w.group.pk],
        "programs:task_create": [w.group.pk],
        "programs:task_edit": [w.task.pk],
        "programs:activity_list": [w.plan.pk],
        "programs:activity_create": [w.plan.pk],
        "programs:activity_detail": [w.activity.pk],
        "programs:activity_edit": [w.activity.pk],
        "programs:attachment_download": [w.attachment.pk],
        "programs:attachment_remove": [w.attachment.pk],
        "programs:estimate_detail": [w.estimate.pk],
        "programs:estimate_decide": [w.estimate.pk, "approve"],
        "programs:partner_report_detail": [w.partner_report.pk],
        "programs:partner_report_decide": [w.partner_report.pk, "approve"],
        "programs:partner_evidence": [w.figure.pk],
        "programs:news_edit": [w.news.pk],
        "applications:detail": [w.application.pk],
        "applications:receipt": [w.application.pk],
        "applications:timeline": [w.application.pk],
        "applications:document": [w.application.pk, w.document.pk],
        "applications:start_review": [w.application.pk],
        "applications:assign": [w.application.pk],
        "applications:checklist": [w.application.pk],
        "applications:comment": [w.application.pk],
        "applications:return": [w.application.pk],
        "applications:recommend": [w.application.pk],
        "applications:reject": [w.application.pk],
        "applications:accept": [w.application.pk],
        "applications:return_completion": [w.application.pk],
        "applications:approve_budget": [w.application.pk],
        "applications:reject_budget": [w.application.pk],
        "applications:decide": [w.application.pk],
        "applications:disburse": [w.application.pk],
        "applications:outcome": [w.application.pk, "baseline"],
        "training:register": [w.course.pk],
        "training:enrolment_detail": [w.enrolment.pk],
        "training:enrolment_cancel": [w.enrolment.pk],
        "training:enrolment_certificate": [w.enrolment.pk],
        "training:course_detail": [w.course.pk],
        "training:course_edit": [w.course.pk],
        "training:course_status": [w.course.pk],
        "training:session_add": [w.course.pk],
        "training:course_certify": [w.course.pk],
        "training:import": [w.course.pk],
        "training:import_commit": [w.course.pk],
        "training:import_template": [w.course.pk],
        "training:enrolment_certify": [w.enrolment.pk],
        "training:attendance_sheet": [w.session.pk],
        "training:attendance_mark_all": [w.session.pk],
        "training:attendance_mark": [w.session.pk, w.enrolment.pk],
        "reports:detail": [w.report.pk],
        "reports:status": [w.report.pk],
        "reports:edit": [w.report.pk],
        "reports:retry": [w.report.pk],
        "reports:finalise": [w.report.pk],
        "reports:download": [w.report.pk, "pdf"],
    }
