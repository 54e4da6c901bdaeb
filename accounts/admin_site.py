from django.contrib import admin

from .permissions import needs_mfa_setup


class AdminSite(admin.AdminSite):
    """Django admin for reference data: staff and admins only, and only with TOTP set up."""

    site_header = "Năng suất"
    site_title = "Năng suất"

    def has_permission(self, request):
        return super().has_permission(request) and not needs_mfa_setup(request.user)
