"""``core.demo.load``: the demo data files under each app's ``demo/`` folder, by format."""

import datetime
import sys

import pytest

from core.demo import load


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A throwaway package ``demofixture`` with a ``demo/`` folder of data files."""
    root = tmp_path / "demofixture"
    (root / "demo").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "demofixture", raising=False)
    return root / "demo"


def test_yaml_json_and_csv_are_read_with_their_types(package):
    (package / "plan.yaml").write_text("year: 2021\ndate: 2021-01-28\nname: Quảng Nam\nrange: [15, null]\n", "utf-8")
    (package / "plan.json").write_text('{"year": 2021, "rates": [10, 15]}', "utf-8")
    (package / "courses.csv").write_text('kind,title,registered\nexpert,Khóa 1,4\nmanager,"Lean, Kaizen",62\n', "utf-8")

    assert load("demofixture", "plan.yaml") == {
        "year": 2021,
        "date": datetime.date(2021, 1, 28),
        "name": "Quảng Nam",
        "range": [15, None],
    }
    assert load("demofixture", "plan.json") == {"year": 2021, "rates": [10, 15]}
    assert load("demofixture", "courses.csv") == [
        {"kind": "expert", "title": "Khóa 1", "registered": "4"},
        {"kind": "manager", "title": "Lean, Kaizen", "registered": "62"},
    ]


def test_each_call_gives_a_fresh_copy(package):
    (package / "list.yaml").write_text("- a\n- b\n", "utf-8")
    first = load("demofixture", "list.yaml")
    first.append("c")
    assert load("demofixture", "list.yaml") == ["a", "b"]


def test_an_unknown_format_or_a_missing_file_is_refused(package):
    (package / "notes.txt").write_text("x", "utf-8")
    with pytest.raises(ValueError, match=r"Unknown demo data format 'notes.txt': use one of csv, json, yaml, yml\."):
        load("demofixture", "notes.txt")
    with pytest.raises(FileNotFoundError, match=r"demofixture/demo/absent\.yaml"):
        load("demofixture", "absent.yaml")


def test_every_app_demo_file_is_readable_and_non_empty():
    """The shipped data files parse (a broken file fails here, not in ``make run``)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = sorted(p for p in root.glob("**/demo/*") if p.suffix in {".yaml", ".csv"} and ".venv" not in p.parts)
    packages = {p.parent.parent.relative_to(root).as_posix().replace("/", ".") for p in files}
    assert packages == {"accounts", "enterprises", "programs", "programs.applications", "reports", "training"}
    for path in files:
        package = path.parent.parent.relative_to(root).as_posix().replace("/", ".")
        assert load(package, path.name), path


def test_the_data_files_are_part_of_the_image():
    """The production image copies the repository (``COPY . .``): no ignore rule drops the data files."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    ignored = (root / ".dockerignore").read_text().split()
    assert not [rule for rule in ignored if "demo" in rule or rule.endswith((".yaml", ".csv", "*.yml"))]
    assert "COPY . ." in (root / "Dockerfile").read_text()
