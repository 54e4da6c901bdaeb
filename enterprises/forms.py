from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core import clock

from .models import AdministrativeUnit, Enterprise, Sector
from .selectors import units_valid_on
from .services import ENTERPRISE_FIELDS
from .validators import normalise_tax_code

STAFF_FIELDS = ["is_model", "model_since", "model_note", "status"]
# What a representative may edit: everything the service takes but the staff-only flags.
PUBLIC_FIELDS = [name for name in ENTERPRISE_FIELDS if name not in STAFF_FIELDS]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})" if not obj.parent_id else f"{obj.name}, {obj.parent.name} ({obj.code})"


class SectorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} – {obj.name}" if obj.level == 1 else f"    {obj.code} – {obj.name}"


class EnterpriseForm(forms.ModelForm):
    """The profile; staff also see the model-enterprise flag and the status. Validation of the
    tax code here is the same function the service applies (and the import)."""

    unit = UnitChoiceField(
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        label=_("Administrative unit"),
        empty_label=_("(not given)"),
    )
    sector = SectorChoiceField(
        queryset=Sector.objects.none(), required=False, label=_("Sector"), empty_label=_("(not given)")
    )

    class Meta:
        model = Enterprise
        fields = PUBLIC_FIELDS + STAFF_FIELDS
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "model_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "model_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "tax_code": _("10 digits, or 13 for a branch written NNNNNNNNNN-NNN; spaces and dots are ignored."),
            "employees": _("Employees with social insurance."),
            "revenue": _("Total revenue of the year, in VND."),
            "capital": _("Total capital, in VND."),
        }

    def __init__(self, *args, staff: bool = False, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            for name in STAFF_FIELDS:
                self.fields.pop(name)
        units = units_valid_on(clock.today()).exclude(level="province")
        if self.instance.unit_id:
            units = units | AdministrativeUnit.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units.select_related("parent").order_by("parent__name", "name").distinct()
        self.fields["sector"].queryset = Sector.objects.filter(classification="VSIC2018").order_by("code")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label or _("Save")))

    def clean_tax_code(self):
        return normalise_tax_code(self.cleaned_data.get("tax_code", ""))

    def validate_unique(self):
        """Uniqueness is checked by the service, with a message naming the existing record."""


class RegisterForm(EnterpriseForm):
    position = forms.CharField(label=_("Your position in the enterprise"), max_length=150, required=False)


class JoinForm(forms.Form):
    tax_code = forms.CharField(label=_("tax code"), max_length=20)
    position = forms.CharField(label=_("Your position in the enterprise"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Ask to represent this enterprise")))

    def clean_tax_code(self):
        return normalise_tax_code(self.cleaned_data["tax_code"])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    units_on = forms.DateField(
        label=_("Administrative units in force on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Unit codes in the file are matched with the units in force on this date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units_on"].initial = clock.today()
        self.helper = FormHelper()
        self.helper.form_tag = False
