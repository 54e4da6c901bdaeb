import datetime
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from enterprises.models import Enterprise, Representative, RepresentativeStatus, SizeClass
from enterprises.validators import tax_code_with_check_digit
from programs.applications.models import (
    PolicyVersion,
    RequiredDocument,
    Status,
    SupportApplication,
    SupportItem,
    SupportScheme,
)
from programs.models import BudgetEstimate, EstimateStatus, FundingSource, Plan, PlanStatus
from tests.accounts.factories import UserFactory
from tests.programs.factories import AgencyFactory


def _tax_code(n: int) -> str:
    for k in range(n * 7 + 1000, n * 7 + 2000):
        code = tax_code_with_check_digit(f"4{k:08d}")
        if code:
            return code
    raise AssertionError(n)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    tax_code = factory.Sequence(_tax_code)
    name = factory.Sequence(lambda n: f"Công ty TNHH Thử Nghiệm {n}")
    size_class = SizeClass.SMALL


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    user = factory.SubFactory(UserFactory, roles=("enterprise",))
    enterprise = factory.SubFactory(EnterpriseFactory)
    status = RepresentativeStatus.VERIFIED


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Kế hoạch năng suất {n}")
    issuing_body = "UBND tỉnh Thử Nghiệm"
    province_name = "Thử Nghiệm"
    agency = factory.SubFactory(AgencyFactory)
    start_year = 2021
    end_year = 2030
    status = PlanStatus.ACTIVE


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"source-{n}")
    name = factory.Sequence(lambda n: f"Nguồn kinh phí {n}")


class EstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetEstimate

    plan = factory.SubFactory(PlanFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    source = factory.SubFactory(FundingSourceFactory)
    proposed_amount = 1_000_000_000
    approved_amount = 1_000_000_000
    status = EstimateStatus.APPROVED


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportItem
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"item-{n}")
    name = factory.Sequence(lambda n: f"Hạng mục {n}")


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportScheme

    item = factory.SubFactory(ItemFactory)
    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Hỗ trợ áp dụng ISO 9001 đợt {n}")
    legal_basis = "Nghị quyết số 02/2019/NQ-HĐND"
    funding_source = factory.SubFactory(FundingSourceFactory)
    opens_on = datetime.date(2020, 1, 1)


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyVersion

    scheme = factory.SubFactory(SchemeFactory)
    effective_from = datetime.date(2020, 1, 1)
    rate_percent = Decimal("50")
    cap_amount = 100_000_000
    yearly_limit = 150_000_000


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    policy_version = factory.SubFactory(PolicyFactory)
    name = "Đơn đề nghị hỗ trợ"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A row in a given state, written directly (for lists and query counts)."""

    class Meta:
        model = SupportApplication

    enterprise = factory.SubFactory(EnterpriseFactory)
    scheme = factory.SubFactory(SchemeFactory)
    applicant = factory.SubFactory(UserFactory, roles=("enterprise",))
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    status = Status.SUBMITTED
    reference_code = factory.Sequence(lambda n: f"TEST-2025-{n:05d}")
    project_title = "Áp dụng ISO 9001:2015"
    eligible_cost = 200_000_000
    proposed_amount = 100_000_000


PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 32
)
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 200


def pdf_text(content: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it (more faithful than pypdf with subset fonts)."""
    import subprocess

    return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()


def pdf_upload(name="don-de-nghi.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
