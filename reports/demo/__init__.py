"""The demo's five-year summary of Quảng Nam 2021-2025 (seed_demo, order 60): requested by staff,
built, finalised by the leader, after which the plan is closed. Idempotent. Its narrative (number,
signer, recipients, …) is data: ``five_year_summary.yaml``."""

import datetime

from core import clock
from core.demo import load


def seed_final_report() -> None:
    """The Quảng Nam plan's five-year summary, finalised; then the plan is closed (its people are
    Đà Nẵng's since the merger, so the city's staff and leader do it)."""
    from accounts.models import User
    from programs.demo import demo_plan
    from programs.models import PlanStatus
    from programs.services import plan_close

    from ..models import ReportKind, ReportStatus
    from ..selectors import final_report
    from ..services import report_build, report_finalise, report_request

    plan = demo_plan()
    staff = User.objects.filter(email="staff@demo.vn").first()
    leader = User.objects.filter(email="leader@demo.vn").first()
    if plan.status != PlanStatus.ACTIVE or staff is None or leader is None:
        return
    if final_report(plan=plan) is None:
        report_date = min(clock.today(), datetime.date(plan.end_year + 1, 1, 20))
        run, _created = report_request(
            plan=plan,
            kind=ReportKind.FIVE_YEAR,
            actor=staff,
            report_date=report_date,
            **load("reports", "five_year_summary.yaml"),
        )
        if run.status == ReportStatus.QUEUED:
            # Built here; the queued task then skips it. The token is a build claim, not a secret.
            report_build(run_id=run.pk, token="seed-demo")  # noqa: S106
        run.refresh_from_db()
        run = report_finalise(run=run, actor=leader)
        # The final files are built here too (the queued build runs only after this transaction).
        report_build(run_id=run.pk, token="seed-demo-final")  # noqa: S106
    plan_close(plan=plan, actor=staff)
