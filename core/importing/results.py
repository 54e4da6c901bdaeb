"""What an import reports: the actions, the declared columns, one row's result and the whole report."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from ..text import fold
from .cells import cell_text


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"
    ALL = (CREATE, UPDATE, UNCHANGED, ERROR)


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: ``key`` in code, ``label`` (lazy-translated) in the header."""

    key: str
    label: Any
    required: bool = True
    help_text: Any = ""

    def header_names(self) -> set[str]:
        names = {fold(self.key), fold(self.key.replace("_", " ")), fold(str(self.label))}
        for lang in ("en", "vi"):
            with translation.override(lang):
                names.add(fold(str(self.label)))
        return names


@dataclass
class RowResult:
    """What happens to one row: its number in the sheet (1 = header), key, action, data, errors."""

    row_number: int
    key: Hashable | None = None
    action: str = Action.ERROR
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    existing: Any = None
    raw: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.action != Action.ERROR


@dataclass
class ImportReport:
    """The outcome of a dry run or a commit."""

    committed: bool = False
    file_errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Action.ALL, 0))
    rows: list[RowResult] = field(default_factory=list)
    rows_truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == Action.ERROR]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def changes(self) -> int:
        return self.counts[Action.CREATE] + self.counts[Action.UPDATE]

    def as_json(self) -> dict:
        """The report as JSON (a background job's result); values shown to people become text."""
        return {
            "committed": self.committed,
            "file_errors": [str(e) for e in self.file_errors],
            "counts": dict(self.counts),
            "rows_truncated": self.rows_truncated,
            "rows": [
                {
                    "row_number": r.row_number,
                    "key": None if r.key is None else str(r.key),
                    "action": r.action,
                    "errors": [str(e) for e in r.errors],
                    "data": {k: _shown(v) for k, v in r.data.items()},
                    "raw": {k: _shown(v) for k, v in r.raw.items()},
                }
                for r in self.rows
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> ImportReport:
        return cls(
            committed=data.get("committed", False),
            file_errors=list(data.get("file_errors", [])),
            counts={**dict.fromkeys(Action.ALL, 0), **data.get("counts", {})},
            rows=[RowResult(**row) for row in data.get("rows", [])],
            rows_truncated=data.get("rows_truncated", False),
        )


def _shown(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return cell_text(value)
