"""The world the role × page matrix (``tests/role_matrix.py``) is checked in: one agency's records
of every kind (``tests.agency_world``, the users' own agency), a second agency's records that no page
may show, and applications in the states each role acts on. The enterprise user is a verified
representative of the world's enterprise, the partner user a member of its partner organisation.
"""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile

from core import clock
from programs.applications.models import Status
from reports.models import ReportKind, ReportRun, ReportStatus
from tests.accounts.factories import UserFactory
from tests.agency_world import AgencyWorld, agency_world, province
from tests.applications.factories import PDF_BYTES, ApplicationFactory
from tests.programs.factories import AgencyFactory, NewsPostFactory

# Applications by the state a role acts on (the name is the matrix's argument token).
APPLICATION_STATES = {
    "draft": Status.DRAFT,
    "returned": Status.RETURNED,
    "under_review": Status.UNDER_REVIEW,
    "recommended": Status.RECOMMENDED,
    "budget_approved": Status.BUDGET_APPROVED,
    "approved": Status.APPROVED,
    "in_progress": Status.IN_PROGRESS,
    "completion_submitted": Status.COMPLETION_SUBMITTED,
    "accepted": Status.ACCEPTED,
}


@dataclass
class RoleWorld:
    own: AgencyWorld
    other: AgencyWorld
    users: dict
    no_totp: object
    applications: dict
    news_published: object
    built_report: object

    def argument(self, token: str):
        """A matrix argument: ``=text`` is the text itself; a state name is that application's pk;
        anything else is the pk of the own agency's record of that name."""
        if token.startswith("="):
            return token[1:]
        if token in self.applications:
            return self.applications[token].pk
        if token == "news_published":
            return self.news_published.slug
        if token == "built_report":
            return self.built_report.pk
        return getattr(self.own, token).pk


def _internal(role: str, *, email: str, mfa: bool = True):
    user = UserFactory(roles=(role,), mfa=mfa, email=email)
    AgencyFactory().members.add(user)  # the default test agency: the own world's
    return user


def role_world() -> RoleWorld:
    from programs.models import AgencyArea

    own = agency_world(code="test-agency", marker="ALPHAQ", default=True)
    other = agency_world(code="agency-b", marker="BETAZ")
    AgencyArea.objects.get_or_create(agency=AgencyFactory(), unit=province("Tỉnh của các người dùng"))
    representative = own.application.applicant
    users = {role: _internal(role, email=f"{role}@test.vn") for role in ("staff", "finance", "leader", "admin")}
    users["enterprise"] = representative
    users["partner"] = UserFactory(roles=("partner",), email="partner@test.vn")
    users["national"] = UserFactory(roles=("national",), mfa=True, email="national@test.vn")
    own.partner_report.organisation.users.add(users["partner"])
    news = NewsPostFactory(
        agency=own.agency,
        slug="tin-cong-khai",
        is_published=True,
        published_at=clock.now() - datetime.timedelta(days=1),
    )
    applications = {
        name: ApplicationFactory(
            scheme=own.scheme,
            enterprise=own.enterprise,
            applicant=representative,
            status=status,
            year=own.application.year,
            project_title=f"Dự án {name}",
        )
        for name, status in APPLICATION_STATES.items()
    }
    built = ReportRun.objects.create(
        plan=own.plan,
        kind=ReportKind.AD_HOC,
        data_from=datetime.date(2022, 1, 1),
        data_to=datetime.date(2022, 12, 31),
        status=ReportStatus.SUCCEEDED,
    )
    built.xlsx_file.save("built.xlsx", ContentFile(b"PK\x03\x04 xlsx"), save=False)
    built.pdf_file.save("built.pdf", ContentFile(PDF_BYTES), save=True)
    return RoleWorld(
        own=own,
        other=other,
        users=users,
        no_totp=_internal("staff", email="no-totp@test.vn", mfa=False),
        applications=applications,
        news_published=news,
        built_report=built,
    )
