"""Five-year summary of the demo plan, and of a data set 20× larger: time, peak Python memory
(tracemalloc) of the build as a worker runs it, and the ratio to a baseline that runs the same SQL,
writes the same cells with bare openpyxl write-only and renders the same HTML with WeasyPrint.

Target: within 1.5× of the baseline; memory that does not grow linearly with the rows.
Run by `make bench` (tests/bench/__main__.py) inside a throw-away test database.
"""

import gc
import logging
import tempfile
import time
import tracemalloc
from pathlib import Path

SCALE = 20


def _seed_demo() -> None:
    from django.conf import settings
    from django.core.management import call_command

    debug, settings.DEBUG = settings.DEBUG, True
    try:
        call_command("seed_demo", verbosity=0)
    finally:
        settings.DEBUG = debug


def _clone(model, rows, *, change, batch=2000):
    """Copies of ``rows`` with ``change(obj)`` applied; returns {old pk: new pk}."""
    old_pks, copies = [], []
    for obj in rows:
        old_pks.append(obj.pk)
        obj.pk = obj.id = None
        change(obj)
        copies.append(obj)
    created = model.objects.bulk_create(copies, batch_size=batch)
    return {old: new.pk for old, new in zip(old_pks, created, strict=True)}


def _multiply(plan, factor: int) -> dict:
    """Add (factor - 1) copies of the plan's activities, enterprises, applications, courses,
    participants and enrolments, so every list and aggregate is ``factor`` times larger."""
    from enterprises.models import Enterprise
    from programs.applications.models import LedgerEntry, SupportApplication
    from programs.models import Activity
    from training.models import Course, Enrolment, Participant

    activities = list(Activity.objects.filter(plan=plan))
    enterprises = list(Enterprise.objects.all())
    applications = list(SupportApplication.objects.filter(scheme__plan=plan))
    ledger = list(LedgerEntry.objects.filter(application__scheme__plan=plan))
    courses = list(Course.objects.filter(plan=plan))
    participants = list(Participant.objects.all())
    enrolments = list(Enrolment.objects.filter(course__plan=plan))
    for k in range(1, factor):
        _clone(Activity, [_copy(a) for a in activities], change=lambda a, k=k: setattr(a, "title", f"{a.title} ({k})"))
        new_enterprise = _clone(
            Enterprise,
            [_copy(e) for e in enterprises],
            change=lambda e, k=k: setattr(e, "tax_code", f"{e.tax_code[:10]}-{900 + k}"),
        )

        def change_application(a, k=k, new_enterprise=new_enterprise):
            a.enterprise_id = new_enterprise[a.enterprise_id]
            a.reference_code = f"{a.reference_code}-{k}" if a.reference_code else None

        new_application = _clone(SupportApplication, [_copy(a) for a in applications], change=change_application)

        def change_entry(entry, new_application=new_application):
            entry.application_id = new_application[entry.application_id]
            entry.disbursement_id = None

        _clone(LedgerEntry, [_copy(e) for e in ledger], change=change_entry)
        new_course = _clone(
            Course, [_copy(c) for c in courses], change=lambda c, k=k: setattr(c, "title", f"{c.title} ({k})")
        )

        def change_participant(p, k=k):
            p.email = f"{k}.{p.email}" if p.email else ""
            p.email_key = f"{k}.{p.email_key}" if p.email_key else ""

        new_participant = _clone(Participant, [_copy(p) for p in participants], change=change_participant)

        def change_enrolment(e, k=k, new_course=new_course, new_participant=new_participant):
            e.course_id = new_course[e.course_id]
            e.participant_id = new_participant[e.participant_id]
            e.certificate_number = f"{e.certificate_number}-{k}" if e.certificate_number else ""
            e.verification_code = f"{e.verification_code}{k:02d}" if e.verification_code else ""
            e.enterprise_id = None

        _clone(Enrolment, [_copy(e) for e in enrolments], change=change_enrolment)
    return {
        "activities": Activity.objects.filter(plan=plan).count(),
        "applications": SupportApplication.objects.filter(scheme__plan=plan).count(),
        "enrolments": Enrolment.objects.filter(course__plan=plan).count(),
    }


def _copy(obj):
    import copy

    return copy.copy(obj)


def _new_run(plan, version: int):
    from reports.builders import builder_for
    from reports.models import ReportKind, ReportRun

    data_from, data_to = builder_for(ReportKind.FIVE_YEAR).default_period(plan=plan)
    return ReportRun.objects.create(
        plan=plan,
        kind=ReportKind.FIVE_YEAR,
        data_from=data_from,
        data_to=data_to,
        version=version,
        signer_name="Lê Quang Huy",
        signer_title="Giám đốc",
    )


def _ours(plan, version: int) -> tuple[float, int]:
    """The real job: claim, collect, XLSX, PDF, store with checksums (as the Celery task does)."""
    from reports.models import ReportStatus
    from reports.services import report_build

    run = _new_run(plan, version)
    started = time.perf_counter()
    assert report_build(run_id=run.pk, token=f"bench-{version}") == "built"
    elapsed = time.perf_counter() - started
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED, run.error
    return elapsed, run.pk


def _flatten(figures: dict):
    """The cells of the section sheets, as plain rows."""
    yield [figures["header"]["summary"]]
    for group in figures["results"]:
        yield [group["number"], group["title"]]
        for a in group["activities"]:
            yield [a["date"], a["title"], a["kind"], a["organisation"], a["cost"], a["results"]]
    for kpi in figures["kpis"] or []:
        yield [
            kpi["code"],
            kpi["name"],
            kpi["unit"],
            kpi["target_min"],
            kpi["target_max"],
            *[y["actual"] for y in kpi["yearly"]],
            kpi["period_actual"],
            kpi["rate"],
            kpi["percent_of_target"],
        ]
    for dimension in ("scheme", "unit", "sector"):
        for row in (figures["support"] or {}).get(dimension, []):
            yield list(row.values())
    for row in (figures["training"] or {}).get("kinds", []):
        yield [row["name"], row["courses"], *row["yearly"], row["person_times"]]
    for row in (figures["budget"] or {}).get("rows", []):
        yield list(row.values())


def _baseline(run_id: int, html: str) -> float:
    """The same SQL, the same cells with bare openpyxl write-only, WeasyPrint on the same HTML."""
    from openpyxl import Workbook
    from weasyprint import HTML

    from reports.builders import builder_for
    from reports.builders.pdf import static_base_url
    from reports.models import ReportRun

    run = ReportRun.objects.select_related("plan").get(pk=run_id)
    started = time.perf_counter()
    builder = builder_for(run.kind)(run)
    figures = builder.collect()
    figures["header"] = {"summary": ""}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("sections")
    for row in _flatten(figures):
        sheet.append(row)
    for name in ("enterprises", "applications", "courses", "activities"):
        sheet = workbook.create_sheet(name)
        for row in builder.detail_rows(name):
            sheet.append(list(row))
    with tempfile.TemporaryDirectory() as folder:
        workbook.save(Path(folder) / "baseline.xlsx")
        (Path(folder) / "baseline.pdf").write_bytes(HTML(string=html, base_url=static_base_url()).write_pdf())
    return time.perf_counter() - started


def _peak(fn, *args) -> tuple[object, int]:
    gc.collect()
    tracemalloc.start()
    try:
        result = fn(*args)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def _measure(plan, label: str, version: int, repeat: int = 3) -> dict:
    """Best of ``repeat`` timed runs each, ours and the baseline in turns so that whatever else the
    machine does weighs on both alike (after a warm-up: fonts, templates, imports), then one run of
    each under tracemalloc for the peak."""
    from django.utils import translation

    from reports.builders.pdf import render_html
    from reports.models import ReportRun

    _t, run_id = _ours(plan, version)  # warm-up
    with translation.override("vi"):
        html = render_html(figures=ReportRun.objects.get(pk=run_id).figures)
    _baseline(run_id, html)
    ours_times, baseline_times = [], []
    for i in range(repeat):
        ours_times.append(_ours(plan, version + 1 + i)[0])
        baseline_times.append(_baseline(run_id, html))
    ours_time, baseline_time = min(ours_times), min(baseline_times)
    _result, ours_peak = _peak(_ours, plan, version + 1 + repeat)
    _result, baseline_peak = _peak(_baseline, run_id, html)
    return {
        f"{label}_seconds": round(ours_time, 2),
        f"{label}_baseline_seconds": round(baseline_time, 2),
        f"{label}_ratio_to_baseline": round(ours_time / baseline_time, 2),
        f"{label}_peak_mib": round(ours_peak / 2**20, 1),
        f"{label}_baseline_peak_mib": round(baseline_peak / 2**20, 1),
    }


def run() -> dict:
    from programs.demo import demo_plan

    for noisy in ("weasyprint", "fontTools"):  # page-by-page progress at INFO
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _seed_demo()
    plan = demo_plan()
    figures = _measure(plan, "demo", version=1)
    started = time.perf_counter()
    sizes = _multiply(plan, SCALE)
    figures["generate_x20_seconds"] = round(time.perf_counter() - started, 1)
    figures |= {f"x20_{key}": value for key, value in sizes.items()}
    figures |= _measure(plan, "x20", version=10)
    figures["peak_growth_x20_over_demo"] = round(figures["x20_peak_mib"] / figures["demo_peak_mib"], 2)
    return figures
