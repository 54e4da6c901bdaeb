import datetime

import factory

from programs.models import EstimateStatus
from reports.models import ReportKind, ReportRun
from tests.programs import factories as programs_factories


class PlanFactory(programs_factories.PlanFactory):
    title = "Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa giai đoạn 2021 - 2025"
    short_title = factory.Sequence(lambda n: f"Kế hoạch NSCL {n}")
    issuing_body = "Ủy ban nhân dân tỉnh Quảng Nam"
    province_name = "Quảng Nam"
    parent_agency = "UBND TỈNH QUẢNG NAM"
    agency = "Sở Khoa học và Công nghệ"
    agency_abbreviation = "SKHCN"
    report_place = "Quảng Nam"


FundingSourceFactory = programs_factories.FundingSourceFactory


class TaskGroupFactory(programs_factories.TaskGroupFactory):
    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Nhóm nhiệm vụ {n}")


class TaskFactory(programs_factories.TaskFactory):
    group = factory.SubFactory(TaskGroupFactory)


class ActivityFactory(programs_factories.ActivityFactory):
    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Hội thảo năng suất chất lượng số {n}")
    date = datetime.date(2022, 6, 1)
    results = "Thu hút 120 lượt doanh nghiệp tham dự"


class BudgetEstimateFactory(programs_factories.BudgetEstimateFactory):
    plan = factory.SubFactory(PlanFactory)
    proposed_amount = 0
    status = EstimateStatus.APPROVED


class ObjectiveFactory(programs_factories.ObjectiveFactory):
    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: chr(ord("a") + n % 26))
    title = "Mục tiêu cụ thể"


class IndicatorFactory(programs_factories.IndicatorFactory):
    objective = factory.SubFactory(ObjectiveFactory)
    code = factory.Sequence(lambda n: f"K{n}")
    name = "Chỉ tiêu"
    target_min = 15


class ReportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRun

    plan = factory.SubFactory(PlanFactory)
    kind = ReportKind.AD_HOC
    data_from = datetime.date(2021, 1, 1)
    data_to = factory.Sequence(lambda n: datetime.date(2021, 1, 2) + datetime.timedelta(days=n))


# --- Other apps' records, as rows in a given state (reports only read them) -----------------------
class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.AdministrativeUnit"

    code = factory.Sequence(lambda n: f"9{n:03d}")
    name = factory.Sequence(lambda n: f"Huyện Thử Nghiệm {n}")
    level = "district"
    kind = "Huyện"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.Sector"
        django_get_or_create = ("classification", "code")

    classification = "VSIC2018"

    code = "C10"
    level = 2
    name = "Sản xuất, chế biến thực phẩm"
    size_group = "industry"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.Enterprise"

    tax_code = factory.Sequence(lambda n: f"49{n:08d}")
    name = factory.Sequence(lambda n: f"Công ty TNHH Chế biến Nông sản Quảng Nam {n}")
    size_class = "small"


class SupportItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "applications.SupportItem"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"item-{n}")
    name = "ISO 9001"


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "applications.SupportScheme"

    item = factory.SubFactory(SupportItemFactory)
    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Hỗ trợ áp dụng ISO 9001 đợt {n}")
    legal_basis = "Nghị quyết số 02/2019/NQ-HĐND"
    funding_source = factory.SubFactory(FundingSourceFactory)
    opens_on = datetime.date(2021, 1, 1)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "applications.SupportApplication"

    enterprise = factory.SubFactory(EnterpriseFactory)
    scheme = factory.SubFactory(SchemeFactory)
    applicant = factory.SubFactory("tests.accounts.factories.UserFactory", roles=("enterprise",))
    year = 2022
    status = "approved"
    reference_code = factory.Sequence(lambda n: f"NSCL-2022-{n:04d}")
    project_title = "Áp dụng ISO 9001:2015"


class CourseKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.CourseKind"
        django_get_or_create = ("code",)

    code = "expert"
    name = "Đào tạo chuyên gia năng suất"
    measure_arg = "expert"


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Course"

    kind = factory.SubFactory(CourseKindFactory)
    title = factory.Sequence(lambda n: f"Khóa đào tạo chuyên gia năng suất số {n}")
    organiser = "Sở Khoa học và Công nghệ"
    plan = factory.SubFactory(PlanFactory)
    start_date = datetime.date(2022, 5, 1)
    end_date = datetime.date(2022, 5, 5)
    place = "Tam Kỳ"
    capacity = 40
    status = "finished"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Participant"

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Học Viên {n}")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Enrolment"

    course = factory.SubFactory(CourseFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = "attended"
    registered_at = factory.LazyFunction(lambda: datetime.datetime(2022, 4, 1, tzinfo=datetime.UTC))


class LedgerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "applications.LedgerEntry"

    application = factory.SubFactory(ApplicationFactory)
    kind = "reservation"
    amount = 10_000_000
    date = datetime.date(2022, 5, 1)
    recorded_at = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(o.date, datetime.time(9), tzinfo=datetime.UTC)
    )
