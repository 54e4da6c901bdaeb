"""Signals of the enterprises app for higher apps (which connect in their ``AppConfig.ready()``).

``enterprises_bulk_changed(sender=Enterprise, ids=[...])``: existing enterprises were changed in
bulk (the spreadsheet import), without a ``post_save`` per row."""

from django.dispatch import Signal

enterprises_bulk_changed = Signal()
