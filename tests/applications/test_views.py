"""Pages: applying online, uploads, scoping (404), the receipt, the public lookup, query counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from programs.applications.models import ApplicationDocument, Status, SupportApplication
from tests.applications.factories import pdf_text

from .conftest import make_application, make_draft
from .factories import ELF_BYTES, PDF_BYTES, PNG_BYTES, ApplicationFactory, RepresentativeFactory

M = 1_000_000


def test_apply_online_step_by_step(world, client_for):
    c = client_for(world.rep)
    response = c.post(reverse("applications:start"), {"scheme": world.scheme.pk})
    app = SupportApplication.objects.get()
    assert response["Location"] == reverse("applications:task_list", args=[app.pk])
    assert c.get(response["Location"]).status_code == 200
    response = c.post(
        reverse("applications:step_project", args=[app.pk]),
        {
            "project_title": "Áp dụng ISO 9001:2015",
            "project_description": "Xây dựng hệ thống.",
            "consultant": "Trung tâm Kỹ thuật TCĐLCL",
            "starts_on": "2025-03-01",
            "ends_on": "2025-09-30",
            "eligible_cost": "240000000",
            "requested_amount": "100.000.000",
        },
    )
    assert response.status_code == 302
    response = c.post(
        reverse("applications:step_documents", args=[app.pk]),
        {
            f"doc_{world.required.pk}": SimpleUploadedFile("don.pdf", PDF_BYTES),
            "continue": "1",
        },
    )
    assert response.status_code == 302
    baseline = reverse("applications:outcome", args=[app.pk, "baseline"])
    assert baseline in c.get(reverse("applications:task_list", args=[app.pk])).content.decode()
    response = c.post(baseline, {"year": "2024", "revenue": "12000", "material_costs": "9000", "employees": "40"})
    assert response["Location"] == reverse("applications:task_list", args=[app.pk])
    assert app.outcome_reports.get().value_added_used == 3_000
    response = c.post(reverse("applications:step_declaration", args=[app.pk]), {"declaration_accepted": "on"})
    assert response["Location"] == reverse("applications:check", args=[app.pk])
    page = c.get(reverse("applications:check", args=[app.pk])).content.decode()
    assert "120.000.000 ₫" in page  # 50 % of 240 M, shown in the arithmetic; the 100 M cap binds
    assert 'id="proposed-amount">100.000.000 ₫' in page
    response = c.post(reverse("applications:check", args=[app.pk]))
    assert response["Location"] == reverse("applications:confirmation", args=[app.pk])
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert app.reference_code == f"TEST-{timezone.localdate().year}-0001"  # the agency's prefix
    page = c.get(response["Location"]).content.decode()
    assert app.reference_code in page
    receipt = c.get(reverse("applications:receipt", args=[app.pk]))
    assert receipt["Content-Type"] == "application/pdf"
    text = pdf_text(receipt.content)
    assert app.reference_code in text
    # Every diacritic survives (the Tinos subsets are embedded as separate fonts).
    assert "GIẤY BIÊN NHẬN HỒ SƠ ĐỀ NGHỊ HỖ TRỢ" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Áp dụng ISO 9001:2015" in text
    fonts = PdfReader(io.BytesIO(receipt.content)).pages[0]["/Resources"]["/Font"]
    names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    assert names
    assert all("Tinos" in n for n in names), names


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hop-dong.pdf", ELF_BYTES, "không phải"),  # an executable renamed .pdf
        ("trong.pdf", b"", "trống"),
        ("lon.pdf", PDF_BYTES + b"0" * 5000, "tối đa"),
    ],
)
def test_hostile_oversized_or_empty_upload_is_refused_and_the_draft_keeps_its_answers(
    world, client_for, settings, name, content, message
):
    settings.MAX_UPLOAD_SIZE = 4000
    app = make_draft(world)
    kept = list(app.documents.values_list("pk", flat=True))
    c = client_for(world.rep)
    response = c.post(
        reverse("applications:step_documents", args=[app.pk]),
        {
            f"doc_{world.required.pk}": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "other": SimpleUploadedFile("anh.png", PNG_BYTES, content_type="image/png"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page
    assert message in page.lower()
    app.refresh_from_db()
    assert app.project_title == "Áp dụng ISO 9001:2015"
    assert app.eligible_cost == 200 * M
    assert app.declaration_accepted
    # The good file of the same post was kept; the bad one was not stored.
    names = list(app.documents.values_list("original_name", flat=True))
    assert names == ["don-de-nghi.pdf", "anh.png"]
    assert set(kept) <= set(app.documents.values_list("pk", flat=True))
    assert not ApplicationDocument.objects.filter(original_name=name).exists()


def test_files_are_stored_under_random_names_and_typed_by_content(world, client_for):
    app = make_draft(world)
    document = app.documents.get()
    assert "don-de-nghi" not in document.file.name
    assert document.file.name.endswith(".pdf")
    assert document.content_type == "application/pdf"
    response = client_for(world.rep).get(reverse("applications:document", args=[app.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "don-de-nghi.pdf" in response["Content-Disposition"]


def test_another_enterprises_application_is_404_get_and_post(world, client_for):
    app = make_application(world, Status.RETURNED)
    document = app.documents.first()
    stranger = RepresentativeFactory().user  # verified, another enterprise
    c = client_for(stranger)
    gets = [
        "detail",
        "task_list",
        "receipt",
        "timeline",
        "confirmation",
        "supplement",
        "withdraw",
        "completion",
        "step_project",
        "step_documents",
        "check",
    ]
    for name in gets:
        assert c.get(reverse(f"applications:{name}", args=[app.pk])).status_code == 404, name
    assert c.get(reverse("applications:document", args=[app.pk, document.pk])).status_code == 404
    before = (app.status, app.events.count(), app.documents.count())
    posts = {
        "withdraw": {"reason": "x"},
        "supplement": {"response": "x", "send": "1"},
        "start_implementation": {},
        "completion": {"report": "x", "send": "1"},
        "step_project": {"project_title": "Hack", "project_description": "x", "eligible_cost": "1"},
        "check": {},
    }
    for name, data in posts.items():
        assert c.post(reverse(f"applications:{name}", args=[app.pk]), data).status_code == 404, name
    assert c.post(reverse("applications:document_delete", args=[app.pk, document.pk])).status_code == 404
    app.refresh_from_db()
    assert (app.status, app.events.count(), app.documents.count()) == before
    assert app.project_title == "Áp dụng ISO 9001:2015"


def test_a_pending_representative_does_not_see_other_peoples_applications(world, client_for):
    app = make_application(world, Status.SUBMITTED)
    pending = RepresentativeFactory(enterprise=world.enterprise, status="pending").user
    assert client_for(pending).get(reverse("applications:detail", args=[app.pk])).status_code == 404


def test_wrong_role_is_refused_and_nothing_changes(world, client_for):
    app = make_application(world, Status.RECOMMENDED)
    response = client_for(world.rep).post(reverse("applications:approve_budget", args=[app.pk]), {})
    assert response.status_code == 403
    response = client_for(world.staff).post(reverse("applications:approve_budget", args=[app.pk]), {})
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.status == Status.RECOMMENDED


def test_staff_review_and_finance_refusal_message_through_the_pages(world, client_for):
    app = make_application(world, Status.SUBMITTED)
    staff = client_for(world.staff)
    assert staff.post(reverse("applications:start_review", args=[app.pk])).status_code == 302
    items = list(app.checklist.all())
    data = {f"ok_{i.pk}": "yes" for i in items} | {f"note_{i.pk}": "" for i in items}
    assert staff.post(reverse("applications:checklist", args=[app.pk]), data).status_code == 302
    response = staff.post(reverse("applications:recommend", args=[app.pk]), {"amount": "100000000"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.RECOMMENDED
    world.estimate.approved_amount = 40 * M
    world.estimate.save()
    response = client_for(world.finance).post(reverse("applications:approve_budget", args=[app.pk]), {})
    assert response.status_code == 200
    assert "40.000.000 ₫" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.RECOMMENDED


def test_public_lookup_shows_status_only_and_is_rate_limited(world, client):
    app = make_application(world, Status.UNDER_REVIEW)
    url = reverse("applications:lookup")
    response = client.post(url, {"reference_code": app.reference_code.lower(), "tax_code": world.enterprise.tax_code})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đang xử lý" in page
    assert world.enterprise.name not in page
    assert app.project_title not in page
    response = client.post(url, {"reference_code": app.reference_code, "tax_code": "0100233488"})
    assert "Đang xử lý" not in response.content.decode()
    for _ in range(8):
        assert client.post(url, {"reference_code": "x", "tax_code": "y"}).status_code == 200
    response = client.post(url, {"reference_code": app.reference_code, "tax_code": world.enterprise.tax_code})
    assert response.status_code == 429
    assert "Đang xử lý" not in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "role", "status"),
    [
        ("applications:queue", "staff", Status.UNDER_REVIEW),
        ("applications:budget_queue", "finance", Status.RECOMMENDED),
        ("applications:decisions", "leader", Status.BUDGET_APPROVED),
        ("applications:disbursements", "finance", Status.ACCEPTED),
    ],
)
def test_list_pages_run_the_same_number_of_queries_for_10_and_500(
    world, client_for, page_queries, url_name, role, status
):
    user = getattr(world, role)
    c = client_for(user)
    reviewer = world.staff

    def add(n):
        ApplicationFactory.create_batch(
            n,
            scheme=world.scheme,
            status=status,
            reviewer=reviewer,
            enterprise=world.enterprise,
            applicant=world.rep,
            approved_amount=10 * M,
        )

    add(10)
    small = page_queries(c, reverse(url_name))
    add(490)
    large = page_queries(c, reverse(url_name))
    assert small == large
    filtered = page_queries(c, reverse(url_name) + f"?status={status}&scheme={world.scheme.pk}&waiting=0&page=2")
    assert filtered <= large + 1


def test_my_applications_query_count_is_flat(world, client_for, page_queries):
    c = client_for(world.rep)
    ApplicationFactory.create_batch(10, scheme=world.scheme, enterprise=world.enterprise, applicant=world.rep)
    small = page_queries(c, reverse("applications:mine"))
    ApplicationFactory.create_batch(490, scheme=world.scheme, enterprise=world.enterprise, applicant=world.rep)
    assert page_queries(c, reverse("applications:mine")) == small


def test_unverified_representative_can_draft_but_the_check_page_refuses_to_submit(world, client_for):
    pending = RepresentativeFactory(enterprise=world.enterprise, status="pending").user
    app = make_draft(world, rep=pending)
    c = client_for(pending)
    page = c.get(reverse("applications:check", args=[app.pk])).content.decode()
    assert "Đồng ý và nộp hồ sơ" not in page
    assert "đang chờ xác minh" in page
    response = c.post(reverse("applications:check", args=[app.pk]))
    assert response.status_code == 400
    assert "Chỉ người đại diện đã được xác minh" in response.content.decode()
    app.refresh_from_db()
    assert (app.status, app.reference_code) == (Status.DRAFT, None)


def test_supplement_and_withdraw_through_the_pages(world, client_for):
    app = make_application(world, Status.RETURNED)
    c = client_for(world.rep)
    page = c.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "Bổ sung báo giá." in page  # the reasons are shown to the enterprise
    response = c.post(
        reverse("applications:supplement", args=[app.pk]),
        {
            "file1": SimpleUploadedFile("bao-gia.pdf", PDF_BYTES),
            "response": "Đã bổ sung báo giá.",
            "send": "1",
        },
    )
    assert response["Location"] == reverse("applications:detail", args=[app.pk])
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert app.documents.filter(kind="supplement").count() == 1
    response = c.post(reverse("applications:withdraw", args=[app.pk]), {"reason": "Đổi kế hoạch đầu tư."})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.WITHDRAWN


def test_internal_events_are_hidden_from_the_enterprise(world, client_for):
    app = make_application(world, Status.BUDGET_REJECTED)
    enterprise_page = client_for(world.rep).get(reverse("applications:detail", args=[app.pk])).content.decode()
    staff_page = client_for(world.staff).get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "Hết dự toán." in staff_page
    assert "Hết dự toán." not in enterprise_page


def test_a_representative_no_longer_verified_loses_sight_of_the_enterprises_applications(world, client_for):
    from enterprises.models import Representative

    app = make_application(world, Status.SUBMITTED)
    c = client_for(world.rep)
    assert c.get(reverse("applications:detail", args=[app.pk])).status_code == 200
    Representative.objects.filter(user=world.rep).update(status="rejected")
    assert c.get(reverse("applications:detail", args=[app.pk])).status_code == 404
