from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .permissions import needs_fresh_sign_in, needs_mfa_setup


class AdminSite(admin.AdminSite):
    """Django admin for reference data: staff and admins only, signed in through the portal's own
    login (password, TOTP, lock-out) in this very session. The admin has no login form of its own."""

    site_header = "Năng suất"
    site_title = "Năng suất"

    def has_permission(self, request):
        return (
            super().has_permission(request) and not needs_mfa_setup(request.user) and not needs_fresh_sign_in(request)
        )

    def login(self, request, extra_context=None):
        """Send everyone to the portal's login (with ``next``); a POSTed password is never checked here."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if user.is_authenticated and self.has_permission(request):
            return redirect(next_url)
        if user.is_authenticated and needs_mfa_setup(user):
            return redirect("mfa_activate_totp")
        if user.is_authenticated and not needs_fresh_sign_in(request) and not needs_mfa_setup(user):
            raise PermissionDenied  # signed in properly, but not someone the admin is for
        if user.is_authenticated:
            logout(request)  # a session that skipped the second factor, or too old, opens nothing
        return redirect_to_login(next_url, login_url=reverse("account_login"))
