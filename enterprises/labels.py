"""The audit actions of enterprises, units and representatives (see ``core.labels``)."""

from django.utils.translation import gettext_lazy as _

from core.labels import status_family

from .models import RepresentativeStatus

ACTIONS = {
    "enterprise.created": _("Enterprise recorded"),
    "enterprise.key_fields_changed": _("Enterprise's key fields changed"),
    "enterprise.tax_code_changed": _("Enterprise's tax code changed"),
    "enterprise.imported": _("Enterprise imported"),
    "enterprise.exported": _("Enterprise list exported"),
    "units.imported": _("Administrative units imported"),
    "units.mappings_imported": _("Unit mappings imported"),
    "representative.requested": _("Representation requested"),
    **status_family("representative.", RepresentativeStatus.choices, _("Representation: {status}")),
}
