import datetime

from reports.models import ReportKind, ReportStatus
from reports.services import report_request


def test_build_five_year(report_data, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, created = report_request(plan=report_data.plan, kind=ReportKind.FIVE_YEAR, actor=users["staff"])
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED, run.error
    assert run.data_from == datetime.date(2020, 12, 15)
    open("/tmp/r.pdf", "wb").write(run.pdf_file.read())
    open("/tmp/r.xlsx", "wb").write(run.xlsx_file.open("rb").read())
