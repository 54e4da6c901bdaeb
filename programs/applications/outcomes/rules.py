"""The rules of outcome figures: what is asked, what is derived, what is refused.

Each supported application has up to three outcome reports (``OutcomeReport``, one per stage):

- **baseline**: the last full year before the application, given by the enterprise in the
  application (a step of its task list; submission needs it);
- **completion**: given with the completion report (sending it needs them);
- **follow-up**: one year after the results were accepted (due on the anniversary of
  ``accepted_on``; a task on the enterprise's home page and one e-mail reminder).

Staff may enter or correct any stage from documents (financial statements, certificates); the
report then says so and names the document.

Figures: revenue, value added and material costs in **VND million**; employees (people on the
payroll, yearly average); energy use in kWh; defect or reject rate in %; for certification items
(``SupportItem.standards``) the certificate obtained: standard, number, date.

Derived (all from unrounded values; shown rounded to 2 decimals, half up):

- value added = the figure given; when it is empty, revenue − material costs;
- labour productivity = value added ÷ employees, in VND million per person;
- an application's **change in labour productivity** = (productivity after ÷ productivity at
  baseline − 1) × 100 %, where "after" is the follow-up report when there is one, else the
  completion report. Not computable when the baseline productivity is zero or negative;
- an **enterprise's change** is the change of its latest decided application that has one (an
  enterprise supported twice counts once); it **improved** when its change is above 0;
- the **median** change is the middle one of the enterprises' changes (the mean of the two middle
  ones for an even count); the **share with an improvement** = improved ÷ enterprises with a
  computable change × 100.

Refused, with a message on the field and nothing saved (the form keeps what was typed):

- negative employees, revenue, material costs or energy use; zero employees;
- value added above revenue; material costs above revenue; neither value added nor material costs;
- a defect rate outside 0–100 %; a certificate missing its standard, number or date, or dated in
  the future; a year of the figures outside 2000 – this year;
- a figure **far outside the enterprise's own history**: revenue, value added or employees more
  than ``FAR_FACTOR`` (10) times, or less than 1/``FAR_FACTOR`` of, the median of the same figure
  in the enterprise's other outcome reports (any application, any stage) and its profile
  (employees; revenue converted to VND million) — an order of magnitude, which a typing slip (one
  zero too many, VND instead of VND million) gives and a real year almost never does. The person
  may confirm that the figure is right; the report is then saved and marked "confirmed" for
  staff to check. With no earlier figure there is nothing to compare.
"""

import statistics
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import clock
from core.numbers import grouped

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)
FAR_FACTOR = 10
MILLION = 1_000_000
# Figures compared with the enterprise's own history.
HISTORY_FIELDS = ("revenue", "value_added", "employees")


class UnusualFigures(ValidationError):
    """Figures far outside the enterprise's history: saved only when the person confirms them."""


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def value_added(*, revenue: int | None, value_added: int | None, material_costs: int | None) -> int | None:
    """The value added given, else revenue − material costs (None when neither can be had)."""
    if value_added is not None:
        return value_added
    if revenue is None or material_costs is None:
        return None
    return revenue - material_costs


def labour_productivity(*, value_added: int | None, employees: int | None) -> Decimal | None:
    """Value added per employee in VND million per person (unrounded); None without employees."""
    if value_added is None or not employees or employees <= 0:
        return None
    return Decimal(value_added) / Decimal(employees)


def change_percent(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    """(after ÷ before − 1) × 100, rounded; None when ``before`` is not positive or a value is missing."""
    if before is None or after is None or before <= 0:
        return None
    return rounded((after / before - 1) * HUNDRED)


def median(values) -> Decimal | None:
    """The median of ``values`` rounded to 2 places; None for no values."""
    values = [Decimal(v) for v in values]
    if not values:
        return None
    return rounded(Decimal(statistics.median(values)))


def share_percent(part: int, whole: int) -> Decimal | None:
    return None if not whole else rounded(Decimal(part) * HUNDRED / Decimal(whole))


def figure_errors(report) -> dict[str, list[str]]:
    """Every refusal of one report's figures, by field (empty when the figures are acceptable)."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if report.employees is not None:
        if report.employees < 0:
            add("employees", _("The number of employees cannot be negative."))
        elif report.employees == 0:
            add("employees", _("Enter at least one employee: labour productivity is value added per employee."))
    for field, message in (
        ("revenue", _("Revenue cannot be negative.")),
        ("material_costs", _("Material costs cannot be negative.")),
        ("energy_kwh", _("Energy use cannot be negative.")),
    ):
        value = getattr(report, field)
        if value is not None and value < 0:
            add(field, message)
    revenue = report.revenue
    if report.value_added is None and report.material_costs is None:
        add("value_added", _("Enter the value added, or the material costs so that value added can be worked out."))
    if revenue is not None and revenue >= 0:
        if report.value_added is not None and report.value_added > revenue:
            add(
                "value_added",
                _("Value added (%(value_added)s million VND) cannot be more than revenue (%(revenue)s million VND).")
                % {"value_added": grouped(report.value_added), "revenue": grouped(revenue)},
            )
        if report.material_costs is not None and report.material_costs > revenue:
            add(
                "material_costs",
                _("Material costs (%(costs)s million VND) cannot be more than revenue (%(revenue)s million VND).")
                % {"costs": grouped(report.material_costs), "revenue": grouped(revenue)},
            )
    if report.defect_rate is not None and not (0 <= report.defect_rate <= 100):
        add("defect_rate", _("The defect or reject rate is a percentage between 0 and 100."))
    if report.year is not None and not (2000 <= report.year <= clock.today().year):
        add("year", _("The year of the figures must be between 2000 and this year."))
    certificate = (report.certificate_standard_id, report.certificate_number, report.certificate_date)
    if any(certificate) and not all(certificate):
        add("certificate_number", _("Give the certificate's standard, number and date, or none of them."))
    if report.certificate_date and report.certificate_date > clock.today():
        add("certificate_date", _("The certificate date cannot be in the future."))
    return errors


def far_from_history(value: int | None, history: list[int]) -> Decimal | None:
    """The median of ``history`` when ``value`` is more than FAR_FACTOR times it or less than
    1/FAR_FACTOR of it; None when the value is within range or there is nothing to compare."""
    past = [h for h in history if h is not None and h > 0]
    if value is None or not past:
        return None
    middle = Decimal(statistics.median(past))
    if value > middle * FAR_FACTOR or value * FAR_FACTOR < middle:
        return middle
    return None


def unusual_figures(report, history: dict[str, list[int]]) -> dict[str, list[str]]:
    """Messages for figures far outside the enterprise's own history (see the module docstring)."""
    labels = {
        "revenue": _("Revenue"),
        "value_added": _("Value added"),
        "employees": _("The number of employees"),
    }
    errors = {}
    for field in HISTORY_FIELDS:
        value = report.value_added_used if field == "value_added" else getattr(report, field)
        middle = far_from_history(value, history.get(field, []))
        if middle is None:
            continue
        errors[field] = [
            _(
                "%(figure)s (%(value)s) is more than %(factor)s times above or below the enterprise's own "
                "earlier figures (median %(median)s). Check it; if it is right, tick the confirmation box."
            )
            % {
                "figure": labels[field],
                "value": grouped(value),
                "factor": FAR_FACTOR,
                "median": grouped(int(middle)),
            }
        ]
    return errors
