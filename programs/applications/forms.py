"""Forms: shape only; the rules live in the services."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import clock
from core.money_input import MoneyField
from core.querystring import id_field

from .models import SupportApplication, SupportScheme


class StartQuery(forms.Form):
    """``?scheme=`` on the start page (a value that does not parse is ignored)."""

    scheme = id_field()


class PlainFormHelper(FormHelper):
    form_tag = False
    disable_csrf = True


class BaseForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = PlainFormHelper()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SchemeForm(BaseForm):
    scheme = forms.ModelChoiceField(
        label=_("Which support do you apply for?"),
        queryset=SupportScheme.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, schemes, accepted=None, **kwargs):
        """``schemes`` are offered; ``accepted`` (default: the same) are accepted when posted, so
        that a scheme which stopped taking applications gets the service's reason, not a bare
        "invalid choice"."""
        super().__init__(*args, **kwargs)
        field = self.fields["scheme"]
        field.label_from_instance = lambda s: f"{s.title} — {s.item.name} ({s.plan.agency.name})"
        field.queryset = schemes if accepted is None else accepted
        if accepted is not None:
            field.widget.choices = [(s.pk, field.label_from_instance(s)) for s in schemes]
        self.offered = schemes


class ProjectForm(forms.ModelForm):
    class Meta:
        model = SupportApplication
        fields = [
            "project_title",
            "project_description",
            "consultant",
            "starts_on",
            "ends_on",
            "eligible_cost",
            "requested_amount",
        ]
        field_classes = {"eligible_cost": MoneyField, "requested_amount": MoneyField}
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "project_description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "eligible_cost": _("The costs the support may cover, in VND (e.g. 250.000.000)."),
            "requested_amount": _("What you ask for, in VND; the department proposes the amount the policy allows."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = PlainFormHelper()
        for name in ("project_title", "project_description", "eligible_cost"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end must not be before the start."))
        return data


class DeclarationForm(BaseForm):
    declaration_accepted = forms.BooleanField(
        label=_(
            "I declare that the information given is true, that the enterprise has not received other state "
            "support for the same content, and that it will use the support for the stated purpose."
        ),
        required=True,
    )


class DocumentsForm(BaseForm):
    """One optional file input per required document, plus "other"; each file is checked on its own."""

    def __init__(self, *args, required_documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.required_documents = list(required_documents)
        for doc in self.required_documents:
            # Not required by the form (files are sent one step at a time), but marked: the
            # mandatory ones must be there before the application can be submitted.
            marker = _("(required)") if doc.is_mandatory else _("(optional)")
            field = forms.FileField(
                label=format_lazy("{} {}", doc.name, marker),
                required=False,
                help_text=doc.description,
                allow_empty_file=True,
            )
            self.fields[f"doc_{doc.pk}"] = field
        self.fields["other"] = forms.FileField(label=_("Other document"), required=False, allow_empty_file=True)


class ExtraDocumentsForm(BaseForm):
    file1 = forms.FileField(label=_("Document"), required=False, allow_empty_file=True)
    file2 = forms.FileField(label=_("Another document"), required=False, allow_empty_file=True)


class CommentForm(BaseForm):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReasonForm(BaseForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class SupplementResponseForm(BaseForm):
    response = forms.CharField(label=_("What you have supplemented"), widget=forms.Textarea(attrs={"rows": 4}))


class CompletionForm(BaseForm):
    report = forms.CharField(label=_("Results achieved"), widget=forms.Textarea(attrs={"rows": 6}))


class ReturnForm(BaseForm):
    reasons = forms.CharField(label=_("What must be supplemented"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].initial = clock.today() + datetime.timedelta(days=15)


class AssignForm(BaseForm):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class RecommendForm(BaseForm):
    amount = MoneyField(label=_("Recommended support (VND)"), min_value=1)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CommentVisibilityForm(BaseForm):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    visible_to_enterprise = forms.BooleanField(
        label=_("The enterprise will see this comment"),
        required=False,
        help_text=_("Left unticked, the comment is internal: only the department's people see it."),
    )


class DecisionForm(BaseForm):
    decision_number = forms.CharField(label=_("Decision number"), max_length=50)
    decision_date = forms.DateField(label=_("Decision date"), widget=DateInput())
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DisbursementForm(BaseForm):
    amount = MoneyField(label=_("Amount (VND)"), min_value=1)
    paid_on = forms.DateField(label=_("Payment date"), widget=DateInput())
    voucher = forms.CharField(label=_("Voucher number"), max_length=100)
    final = forms.BooleanField(label=_("This is the last payment (close the file)"), required=False)


class LookupForm(BaseForm):
    reference_code = forms.CharField(
        label=_("Reference code"), max_length=30, help_text=_("For example NSCL-2025-0042.")
    )
    tax_code = forms.CharField(label=_("Tax code of the enterprise"), max_length=14)


CHECK_CHOICES = [("", _("Not checked")), ("yes", _("Satisfied")), ("no", _("Not satisfied"))]


class ChecklistForm(BaseForm):
    """One (finding, note) pair per checklist item."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            initial = "" if item.is_ok is None else ("yes" if item.is_ok else "no")
            self.fields[f"ok_{item.pk}"] = forms.ChoiceField(
                label=item.label, choices=CHECK_CHOICES, required=False, initial=initial
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=500, initial=item.note
            )

    def results(self) -> dict[int, tuple[bool | None, str]]:
        value = {"": None, "yes": True, "no": False}
        return {
            item.pk: (value[self.cleaned_data[f"ok_{item.pk}"]], self.cleaned_data[f"note_{item.pk}"].strip())
            for item in self.items
        }

    def rows(self):
        return [(item, self[f"ok_{item.pk}"], self[f"note_{item.pk}"]) for item in self.items]


class OutcomeForm(BaseForm):
    """The figures of one outcome stage (shape only: ``outcomes.rules`` says what is refused)."""

    year = forms.IntegerField(label=_("Year of the figures"))
    revenue = forms.IntegerField(
        label=_("Revenue (VND million)"), help_text=_("For example 12500 for 12,5 billion VND.")
    )
    value_added = forms.IntegerField(
        label=_("Value added (VND million)"),
        required=False,
        help_text=_(
            "Wages, depreciation, taxes and operating profit together. Leave it empty if you do not know it "
            "and give the material costs: value added is then revenue minus material costs."
        ),
    )
    material_costs = forms.IntegerField(
        label=_("Material costs (VND million)"),
        required=False,
        help_text=_("Raw materials, energy and services bought in."),
    )
    employees = forms.IntegerField(label=_("Employees (yearly average)"))
    energy_kwh = forms.IntegerField(
        label=_("Energy use (kWh)"), required=False, help_text=_("Electricity and fuels, converted to kWh.")
    )
    defect_rate = forms.DecimalField(label=_("Defect or reject rate (%)"), required=False, decimal_places=2)
    certificate_standard = forms.ModelChoiceField(
        label=_("Certificate obtained: standard"), queryset=None, required=False
    )
    certificate_number = forms.CharField(label=_("Certificate number"), required=False, max_length=100)
    certificate_date = forms.DateField(label=_("Certificate date"), required=False, widget=DateInput())
    source_document = forms.CharField(
        label=_("From which document"),
        required=False,
        max_length=255,
        help_text=_("For example: financial statements 2024, certificate No. 123."),
    )
    confirm_unusual = forms.BooleanField(
        label=_("I have checked: these figures are right although they differ greatly from the earlier ones."),
        required=False,
    )

    def __init__(self, *args, standards, staff: bool, ask_confirmation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if standards is None:
            for name in ("certificate_standard", "certificate_number", "certificate_date"):
                del self.fields[name]
        else:
            self.fields["certificate_standard"].queryset = standards
        if not staff:
            del self.fields["source_document"]
        if not ask_confirmation:
            del self.fields["confirm_unusual"]

    def figures(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("confirm_unusual", None)
        for name in ("certificate_number", "source_document"):
            if name in data:
                data[name] = data[name].strip()
        return data
