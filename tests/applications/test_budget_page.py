"""Finance sees the amount, the funding source and the estimate (approved, reserved, paid, left)
on the page where it approves an application's budget, before approving."""

from django.urls import reverse

from programs.applications import services
from programs.applications.models import Status
from programs.models import BudgetEstimate

from .conftest import make_application

M = 1_000_000


def test_the_approval_page_shows_amount_source_and_what_is_left_before_approving(world, client_for):
    world.estimate.approved_amount = 500 * M
    world.estimate.save()
    earlier = make_application(world, Status.RECOMMENDED, cost=160 * M)  # 80 M reserved below
    services.application_approve_budget(application=earlier, actor=world.finance)
    BudgetEstimate.objects.filter(pk=world.estimate.pk).update(disbursed_amount=30 * M)
    app = make_application(world, Status.RECOMMENDED, cost=120 * M)  # 60 M
    page = client_for(world.finance).get(reverse("applications:approve_budget", args=[app.pk])).content.decode()
    assert 'id="position-amount">60.000.000 ₫' in page
    assert f'id="position-source">{world.estimate.source.name}<' in page
    assert 'id="position-approved">500.000.000 ₫' in page
    assert 'id="position-reserved">80.000.000 ₫' in page
    assert 'id="position-paid">30.000.000 ₫' in page
    assert 'id="position-left">420.000.000 ₫' in page
    assert 'id="position-left-after">360.000.000 ₫' in page
    assert 'id="position-warning"' not in page
    assert page.index('id="budget-position"') < page.index('type="submit">Xác nhận</button>')  # before the button


def test_the_approval_page_warns_when_the_estimate_is_short_or_not_approved(world, client_for):
    world.estimate.approved_amount = 50 * M
    world.estimate.save()
    app = make_application(world, Status.RECOMMENDED, cost=120 * M)  # 60 M
    c = client_for(world.finance)
    url = reverse("applications:approve_budget", args=[app.pk])
    page = c.get(url).content.decode()
    assert 'id="position-left">50.000.000 ₫' in page
    assert 'id="position-left-after">—' in page
    assert "Không đủ kinh phí: còn lại 50.000.000 ₫ và hồ sơ này cần 60.000.000 ₫." in page
    BudgetEstimate.objects.filter(pk=world.estimate.pk).update(status="proposed")
    assert "chưa được phê duyệt: chưa thể duyệt kinh phí." in c.get(url).content.decode()
    BudgetEstimate.objects.filter(pk=world.estimate.pk).delete()
    page = c.get(url).content.decode()
    assert f"Chưa có dự toán “{world.scheme.funding_source.name}” năm {app.year}" in page
