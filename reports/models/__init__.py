"""Issued progress reports: the programme, institution, field-study and per-firm feedback
reports, each issued for a reporting period, frozen once issued and stored as a PDF.

The reports app reads ``tracker`` and ``fieldvisits`` (through their ``queries`` and,
for anything a public report shows, ``fieldvisits.public``); only ``cms`` imports it.
Report models live in this package, one module per area; their generation runs as
background tasks in ``reports/jobs.py``.
"""

from reports.models.report import Report, private_storage

__all__ = ["Report", "private_storage"]
