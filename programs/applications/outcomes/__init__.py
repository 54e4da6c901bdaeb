"""Outcomes of supported enterprises: the figures they report, the productivity rules, the
aggregates shown on the dashboard, the public page and the reports (see ``rules``)."""
