"""What the training views share: the roles that may register, the search forms, the refusal onto a form."""

from django import forms

from core.querystring import text_field, year_field


class SearchQuery(forms.Form):
    q = text_field()


class CourseQuery(SearchQuery):
    year = year_field()
    kind = text_field(50)
    status = text_field(20)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
