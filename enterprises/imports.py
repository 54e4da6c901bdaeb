"""The enterprise spreadsheet: columns, row cleaning and the bulk write (on ``importing``)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.bounds import MAX_MONEY
from core.history import history_bulk_copy
from core.importing import Action, Column, RowResult, SpreadsheetImporter, cell_date, cell_int, cell_text
from core.text import fold

from .models import AdministrativeUnit, Enterprise, LegalForm, Sector
from .signals import enterprises_bulk_changed
from .sizes import size_class_for
from .validators import normalise_tax_code

EMAIL = EmailValidator()
URL = URLValidator()
TEXT_LIMITS = {"name": 255, "short_name": 100, "address": 255, "contact_name": 150, "phone": 30}


class EnterpriseImporter(SpreadsheetImporter):
    """Rows matched on the tax code: new codes are created, known ones updated, equal ones left."""

    sheet_title = "doanh-nghiep"
    columns = (
        Column("tax_code", gettext_lazy("Tax code")),
        Column("name", gettext_lazy("Name")),
        Column("short_name", gettext_lazy("Short name"), required=False),
        Column("legal_form", gettext_lazy("Legal form"), required=False),
        Column("founded_on", gettext_lazy("Founding date"), required=False),
        Column("address", gettext_lazy("Address"), required=False),
        Column("unit_code", gettext_lazy("Unit code"), required=False),
        Column("sector_code", gettext_lazy("VSIC code"), required=False),
        Column("employees", gettext_lazy("Employees"), required=False),
        Column("revenue", gettext_lazy("Revenue (VND)"), required=False),
        Column("capital", gettext_lazy("Capital (VND)"), required=False),
        Column("figures_year", gettext_lazy("Year of the figures"), required=False),
        Column("contact_name", gettext_lazy("Contact person"), required=False),
        Column("phone", gettext_lazy("Phone"), required=False),
        Column("email", gettext_lazy("E-mail"), required=False),
        Column("website", gettext_lazy("Website"), required=False),
    )
    example = {
        "tax_code": "0100233488",
        "name": "Công ty TNHH Ví dụ",
        "legal_form": "llc",
        "founded_on": "15/03/2010",
        "unit_code": "20194",
        "sector_code": "10",
        "employees": 25,
        "revenue": 12000000000,
        "capital": 5000000000,
        "figures_year": 2024,
    }

    def __init__(self, *, units_on: datetime.date | None = None):
        super().__init__()
        self.units_on = units_on or clock.today()

    def prepare(self) -> None:
        self.labels = {c.key: str(c.label) for c in self.columns}
        on = self.units_on
        self.units = {}
        for unit in AdministrativeUnit.objects.only("pk", "code", "valid_from", "valid_to"):
            if (unit.valid_from is None or unit.valid_from <= on) and (unit.valid_to is None or on <= unit.valid_to):
                self.units[unit.code] = unit.pk
        self.known_unit_codes = set(AdministrativeUnit.objects.values_list("code", flat=True))
        self.sectors = {code: (pk, group) for pk, code, group in Sector.objects.values_list("pk", "code", "size_group")}
        self.legal_forms = {fold(value): value for value in LegalForm.values}
        for lang in ("en", "vi"):
            with translation.override(lang):
                self.legal_forms.update({fold(str(label)): value for value, label in LegalForm.choices})

    def parse_row(self, row):
        errors: list[str] = []
        data: dict = {}

        def keep(key, fn):
            if key in self.present_columns or key in ("tax_code", "name"):
                try:
                    return fn()
                except ValidationError as error:
                    errors.extend(error.messages)
            return None

        tax_code = keep("tax_code", lambda: normalise_tax_code(_tax_code_cell(row["tax_code"])))
        name = cell_text(row["name"])
        if not name:
            errors.append(_("The name is missing."))
        data["name"] = name
        for key, limit in TEXT_LIMITS.items():
            if key in self.present_columns or key == "name":
                value = cell_text(row[key])
                if len(value) > limit:
                    errors.append(
                        _("%(label)s is longer than %(limit)s characters.")
                        % {"label": self._label(key), "limit": limit}
                    )
                data[key] = value
        if "legal_form" in self.present_columns:
            data["legal_form"] = keep("legal_form", lambda: self._legal_form(row["legal_form"]))
        if "founded_on" in self.present_columns:
            data["founded_on"] = keep("founded_on", lambda: cell_date(row["founded_on"], self._label("founded_on")))
        if "unit_code" in self.present_columns:
            data["unit_id"] = keep("unit_code", lambda: self._unit(row["unit_code"]))
        if "sector_code" in self.present_columns:
            data["sector_id"] = keep("sector_code", lambda: self._sector(row["sector_code"]))
        for key in ("employees", "revenue", "capital"):
            if key in self.present_columns:
                maximum = None if key == "employees" else MAX_MONEY
                data[key] = keep(
                    key, lambda key=key, maximum=maximum: cell_int(row[key], self._label(key), maximum=maximum)
                )
        if "figures_year" in self.present_columns:
            data["figures_year"] = keep("figures_year", lambda: self._year(row["figures_year"]))
        if "email" in self.present_columns:
            data["email"] = keep("email", lambda: self._checked(row["email"], EMAIL, "email").lower())
        if "website" in self.present_columns:
            data["website"] = keep("website", lambda: self._checked(row["website"], URL, "website"))
        if errors:
            raise ValidationError(errors)
        if "legal_form" in data and data["legal_form"] is None:
            del data["legal_form"]
        return tax_code, data

    def existing(self, keys):
        return {e.tax_code: e for e in Enterprise.objects.filter(tax_code__in=keys)}

    def apply(self, rows: list[RowResult], actor) -> None:
        new, changed, fields = [], [], set()
        for r in rows:
            if r.action == Action.CREATE:
                enterprise = Enterprise(tax_code=r.key, **r.data)
                self._derive(enterprise)
                new.append(enterprise)
            else:
                enterprise = r.existing
                for key, value in r.data.items():
                    setattr(enterprise, key, value)
                fields.update(r.data)
                self._derive(enterprise)
                enterprise.updated_at = clock.now()
                changed.append(enterprise)
        user = actor if getattr(actor, "pk", None) else None
        # The rows in bulk, then their history in one INSERT ... SELECT per 500 (core.history).
        if new:
            Enterprise.objects.bulk_create(new, batch_size=1000)
            history_bulk_copy(Enterprise, [e.pk for e in new], history_type="+", user=user)
        if changed:
            Enterprise.objects.bulk_update(changed, sorted(fields | {"size_class", "updated_at"}), batch_size=500)
            history_bulk_copy(Enterprise, [e.pk for e in changed], history_type="~", user=user)
            enterprises_bulk_changed.send(sender=Enterprise, ids=[e.pk for e in changed])

    # -- helpers ----------------------------------------------------------------------------------
    def _derive(self, enterprise: Enterprise) -> None:
        group = self.sectors_by_pk.get(enterprise.sector_id) if enterprise.sector_id else None
        enterprise.size_class = size_class_for(group, enterprise.employees, enterprise.revenue, enterprise.capital)

    @property
    def sectors_by_pk(self) -> dict[int, str]:
        if not hasattr(self, "_sectors_by_pk"):
            self._sectors_by_pk = dict(self.sectors.values())
        return self._sectors_by_pk

    def _label(self, key: str) -> str:
        return self.labels[key]

    def _legal_form(self, value):
        text = cell_text(value)
        if not text:
            return None
        form = self.legal_forms.get(fold(text))
        if form is None:
            raise ValidationError(_("Unknown legal form: %(value)s.") % {"value": text})
        return form

    def _unit(self, value):
        code = cell_text(value)
        if not code:
            return None
        if code in self.units:
            return self.units[code]
        if code in self.known_unit_codes:
            raise ValidationError(
                _("Unit %(code)s is not in force on %(date)s.")
                % {"code": code, "date": self.units_on.strftime("%d/%m/%Y")}
            )
        raise ValidationError(_("Unknown administrative unit code: %(code)s.") % {"code": code})

    def _sector(self, value):
        code = cell_text(value).upper()
        if not code:
            return None
        if code.isdigit() and len(code) == 1:
            code = "0" + code  # a division typed as a number lost its leading zero
        if code not in self.sectors:
            raise ValidationError(_("Unknown VSIC code: %(code)s.") % {"code": code})
        return self.sectors[code][0]

    def _year(self, value):
        year = cell_int(value, self._label("figures_year"))
        if year is not None and not 1900 <= year <= 2100:
            raise ValidationError(_("The year of the figures must be between 1900 and 2100."))
        return year

    def _checked(self, value, validator, key) -> str:
        text = cell_text(value)
        if text:
            try:
                validator(text)
            except ValidationError:
                raise ValidationError(
                    _("%(label)s is not valid: %(value)s.") % {"label": self._label(key), "value": text}
                ) from None
        return text


def _tax_code_cell(value) -> str:
    """A tax code typed as a number loses its leading zero: 100233488 → 0100233488."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value))
        return text.zfill(10) if len(text) == 9 else text
    return cell_text(value)


def register_enterprise_importer() -> None:
    """The enterprise spreadsheet runs as a background job (``core.importing``)."""
    from core.importing import register_importer

    from .services import enterprises_import

    def units_on(options) -> datetime.date:
        return datetime.date.fromisoformat(options["units_on"])

    register_importer(
        "enterprises",
        build=lambda options: EnterpriseImporter(units_on=units_on(options)),
        commit=lambda *, source, actor, options, progress: enterprises_import(
            source=source, actor=actor, units_on=units_on(options), progress=progress
        ),
    )
