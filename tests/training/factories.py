import datetime

import factory
from django.utils import timezone

from enterprises.models import Enterprise, Representative, RepresentativeStatus
from tests.programs.factories import AgencyFactory
from training.models import Course, CourseKind, CourseSession, CourseStatus, Enrolment, EnrolmentStatus, Participant


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    tax_code = factory.Sequence(lambda n: f"{4000000000 + n}")
    name = factory.Sequence(lambda n: f"Công ty TNHH Sản xuất Số {n}")


def verified_representative(user, enterprise=None):
    """Make ``user`` a verified representative of ``enterprise`` (a new one when not given)."""
    enterprise = enterprise or EnterpriseFactory()
    Representative.objects.create(user=user, enterprise=enterprise, status=RepresentativeStatus.VERIFIED)
    return enterprise


def kind(code: str) -> CourseKind:
    names = {
        "expert": "Chuyên gia",
        "manager": "Lãnh đạo, quản lý",
        "apo": "APO",
        "seminar": "Hội thảo",
        "other": "Khác",
    }
    arg = "" if code == "other" else code
    return CourseKind.objects.get_or_create(code=code, defaults={"name": names.get(code, code), "measure_arg": arg})[0]


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    kind = factory.LazyFunction(lambda: kind("manager"))
    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Khóa quản trị năng suất số {n}")
    organiser = "Sở Khoa học và Công nghệ"
    status = CourseStatus.OPEN
    # A running or finished course has begun (attendance is refused for sessions still to come).
    start_date = factory.LazyAttribute(
        lambda o: (
            timezone.localdate()
            + datetime.timedelta(days=-1 if o.status in (CourseStatus.RUNNING, CourseStatus.FINISHED) else 14)
        )
    )
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
    place = "Tam Kỳ"
    capacity = 30
    registration_opens = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    registration_closes = factory.LazyAttribute(lambda o: o.start_date - datetime.timedelta(days=2))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseSession

    course = factory.SubFactory(CourseFactory)
    date = factory.LazyAttribute(lambda o: o.course.start_date)
    start_time = datetime.time(8, 0)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Học {n}")
    email = factory.Sequence(lambda n: f"hocvien{n}@test.vn")
    birth_year = 1985


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = EnrolmentStatus.REGISTERED
    registered_at = factory.LazyFunction(timezone.now)


def ensure_reference_data() -> None:
    """Transactional tests start after a flush that emptied what migrations created: put back
    the role groups, and forget content-type ids cached before the flush."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from accounts.models import Role

    ContentType.objects.clear_cache()
    for role in Role.values:
        Group.objects.get_or_create(name=role)
