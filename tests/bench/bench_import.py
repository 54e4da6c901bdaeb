"""Enterprise XLSX import: rows per second and peak memory for 2,000 vs 10,000 rows, written to
var/bench/import.json.

Target: at least 1,000 rows/s on 10,000 rows, and memory that does not grow with the file
(read-only, streaming openpyxl; rows are parsed, looked up and written in batches of 500; the
history rows are copied by the database, ``core.history``). Every created row must get its one
history row, and a file with refused rows must report every one of them. Timing and memory are
measured in separate passes, because tracemalloc itself slows Python down.
"""

import datetime
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

ON = datetime.date(2026, 1, 1)
OUTPUT = "import"  # var/bench/import.json


def _write(path: Path, rows: int, offset: int, bad_every: int = 0) -> None:
    from openpyxl import Workbook

    from enterprises.validators import tax_code_with_check_digit

    units = ["20194", "20197", "20200", "20335", "20341"]
    sectors = ["10", "14", "16", "25", "41", "46", "47", "55", "62"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("doanh-nghiep")
    ws.append(
        [
            "Tax code",
            "Name",
            "Address",
            "Unit code",
            "VSIC code",
            "Employees",
            "Revenue (VND)",
            "Capital (VND)",
            "Year of the figures",
            "E-mail",
        ]
    )
    n, seq = 0, offset
    while n < rows:
        seq += 1
        code = tax_code_with_check_digit(f"{seq:09d}")
        if code is None:
            continue
        n += 1
        if bad_every and n % bad_every == 0:
            code = code[:-1] + str((int(code[-1]) + 1) % 10)  # a wrong check digit: refused
        ws.append(
            [
                code,
                f"Công ty TNHH Thử nghiệm số {seq}",
                f"{n} Hùng Vương, Tam Kỳ",
                units[n % len(units)],
                sectors[n % len(sectors)],
                n % 300,
                (n % 500) * 1_000_000_000,
                (n % 90) * 1_000_000_000,
                2024,
                f"dn{seq}@vi-du.vn",
            ]
        )
    wb.save(path)


def _import(path: Path):
    from enterprises.services import enterprises_import

    with open(path, "rb") as handle:
        return enterprises_import(source=handle, actor=_staff(), units_on=ON)


def _staff():
    """The staff member who imports (the service checks its actor's role)."""
    from accounts.models import User
    from tests.accounts.factories import UserFactory

    return User.objects.filter(email="bench.import@thu-tai.example.vn").first() or UserFactory(
        roles=("staff",), email="bench.import@thu-tai.example.vn"
    )


def run() -> dict:
    """Measured with DEBUG off, as in production: with DEBUG on Django keeps every SQL text."""
    from django.test.utils import override_settings

    with override_settings(DEBUG=False):
        return _run()


def _run() -> dict:
    from enterprises.models import Enterprise
    from enterprises.services import reference_data_load

    reference_data_load()
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for index, rows in enumerate((2_000, 10_000)):
            timed, traced = Path(tmp) / f"t{rows}.xlsx", Path(tmp) / f"m{rows}.xlsx"
            _write(timed, rows, offset=400_000_000 + index * 1_000_000)
            _write(traced, rows, offset=410_000_000 + index * 1_000_000)
            figures[f"file_{rows}_kb"] = round(timed.stat().st_size / 1024)

            start, cpu = time.perf_counter(), time.process_time()
            report = _import(timed)
            seconds = time.perf_counter() - start
            assert report.counts["create"] == rows, report.counts
            figures[f"import_{rows}_seconds"] = round(seconds, 2)
            figures[f"import_{rows}_python_cpu_seconds"] = round(time.process_time() - cpu, 2)
            figures[f"import_{rows}_rows_per_s"] = round(rows / seconds)
            # This process's CPU only (the database server's work is apart): what the code costs
            # per row, whatever else the machine is doing.
            figures[f"import_{rows}_rows_per_python_cpu_s"] = round(rows / (time.process_time() - cpu))

            start = time.perf_counter()
            report = _import(timed)
            seconds = time.perf_counter() - start
            assert report.counts["unchanged"] == rows, report.counts
            figures[f"reimport_{rows}_rows_per_s"] = round(rows / seconds)

            tracemalloc.start()
            report = _import(traced)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            assert report.counts["create"] == rows, report.counts
            figures[f"import_{rows}_peak_mb"] = round(peak / 1024 / 1024, 1)
        created = Enterprise.objects.count()
        figures["history_rows_per_created_row"] = round(
            Enterprise.history.filter(history_type="+").count() / created, 3
        )
        bad = Path(tmp) / "bad.xlsx"
        _write(bad, 10_000, offset=420_000_000, bad_every=10)
        start = time.perf_counter()
        report = _import(bad)
        seconds = time.perf_counter() - start
        assert report.counts["create"] == 9_000, report.counts
        figures["import_10000_with_1000_refused_rows_per_s"] = round(10_000 / seconds)
        figures["refused_rows_reported"] = len(report.errors)
    figures["peak_growth_10000_vs_2000"] = round(figures["import_10000_peak_mb"] / figures["import_2000_peak_mb"], 2)
    figures["target_rows_per_s"] = 1000
    figures["load_average_1min"] = round(os.getloadavg()[0], 1)  # other work on the machine slows it
    return figures
