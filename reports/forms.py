from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from programs.models import Plan

from .models import ReportKind, ReportRun
from .selectors import active_plans
from .services import EDITABLE_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportRequestForm(forms.Form):
    """Ask for a report: plan, kind, and the data period (filled by the kind's rule if left blank)."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none(), empty_label=_("Choose a plan"))
    kind = forms.ChoiceField(label=_("Kind of report"), choices=ReportKind.choices)
    year = forms.IntegerField(
        label=_("Year (annual report)"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_(
            "Annual data run over the plan's data year: by default from 15 December of the previous year "
            "to 14 December of this year (Decree 09/2019/ND-CP)."
        ),
    )
    data_from = forms.DateField(
        label=_("Data from"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leave blank to use the rule for the kind of report."),
    )
    data_to = forms.DateField(label=_("Data to"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = active_plans()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Request the report")))

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReportKind.AD_HOC and not (data.get("data_from") and data.get("data_to")):
            raise forms.ValidationError(_("An ad hoc report needs both dates of its data period."))
        if bool(data.get("data_from")) != bool(data.get("data_to")):
            raise forms.ValidationError(_("Give both dates of the data period, or neither."))
        return data


class ReportEditForm(forms.ModelForm):
    """Header, signer, recipients and the narrative staff write for the report."""

    class Meta:
        model = ReportRun
        fields = EDITABLE_FIELDS
        widgets = {
            "report_date": DATE_WIDGET,
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "shortcomings": forms.Textarea(attrs={"rows": 6}),
            "lessons": forms.Textarea(attrs={"rows": 6}),
            "next_tasks": forms.Textarea(attrs={"rows": 6}),
            "proposals": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.has_lessons:
            del self.fields["lessons"]  # only two-year reviews and five-year summaries have it
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save and rebuild")))
