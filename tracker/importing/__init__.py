"""Imports into a programme: the runs (upload, preview, confirm) recorded on
:class:`~tracker.models.ImportRun`, and the admin views that drive them. The format-agnostic
parts (files, cells, widgets, the base resource, spreadsheet exports) live in
:mod:`core.importing`.
"""
