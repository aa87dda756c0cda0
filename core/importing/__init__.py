"""Spreadsheet imports and exports for the Wagtail admin, built on django-import-export.

A viewset declares ``import_resource_class`` (through :class:`ImportableViewSetMixin`)
and gains an "Import" button: upload → dry-run preview with counts and per-row errors →
confirm, all or nothing. The same resource writes the listing's CSV and XLSX exports, so
an exported file imports back unchanged.
"""
