"""Demo data: each app registers a seeder; ``manage.py seed_demo`` runs them in order.

Seeders must be idempotent: a second run changes nothing. The data they write (names, places,
plans, courses, …) lives in files under each app's ``demo/`` folder, read with ``load``; the
seeding logic stays in code.
"""

import csv
import io
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import yaml

_seeders: list[tuple[int, str, Callable[[], None]]] = []
_READERS: dict[str, Callable[[str], Any]] = {
    "yaml": yaml.safe_load,
    "yml": yaml.safe_load,
    "json": json.loads,
    "csv": lambda text: list(csv.DictReader(io.StringIO(text))),
}


def register_seeder(order: int, name: str, seeder: Callable[[], None]) -> None:
    if all(n != name for _, n, _ in _seeders):
        _seeders.append((order, name, seeder))


def seeders() -> list[tuple[int, str, Callable[[], None]]]:
    return sorted(_seeders, key=lambda s: s[0])


def load(package: str, name: str) -> Any:
    """The data file ``name`` in the ``demo/`` folder of ``package`` (e.g. ``load("programs",
    "plan_2021_2025.yaml")``): YAML and JSON as parsed, CSV as a list of dicts of strings (one per
    row, keyed by the header). A fresh copy on every call: callers may change what they get."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in _READERS:
        raise ValueError(f"Unknown demo data format {name!r}: use one of {', '.join(sorted(_READERS))}.")
    text = (resources.files(package) / "demo" / name).read_text(encoding="utf-8")
    return _READERS[suffix](text)
