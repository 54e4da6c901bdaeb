"""`make bench`: run every tests/bench/bench_*.py module's ``run()``, print its figures and write
them to var/bench/<name>.json. Benchmarks are not tests: they measure, they do not assert times.

They run against DATABASE_URL (PostgreSQL in the intended set-up) inside a throw-away test
database created and destroyed here.
"""

import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nangsuat.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = True
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    settings.DEBUG = True
    out_dir = Path(settings.BASE_DIR) / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[1:])
    failures = 0
    try:
        package = Path(__file__).parent
        for module_info in sorted(pkgutil.iter_modules([str(package)]), key=lambda m: m.name):
            if not module_info.name.startswith("bench_") or (only and module_info.name not in only):
                continue
            module = importlib.import_module(f"tests.bench.{module_info.name}")
            print(f"== {module_info.name} ({connection.vendor})", flush=True)
            try:
                figures = module.run()
            except Exception as exc:  # noqa: BLE001 - report and go on with the next benchmark
                failures += 1
                print(f"   failed: {exc!r}")
                continue
            figures = {"database": connection.vendor, **figures}
            for key, value in figures.items():
                print(f"   {key}: {value}")
            name = getattr(module, "OUTPUT", module_info.name)  # bench_import.py → import.json
            (out_dir / f"{name}.json").write_text(json.dumps(figures, indent=2, default=str))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
