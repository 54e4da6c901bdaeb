"""Strings of Django itself that its Vietnamese catalogue does not translate yet (Django 6.1).

Listed here so that `make messages` keeps them in the accounts catalogue, which has priority
over Django's own.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (gettext_noop("- Select an option -"),)
