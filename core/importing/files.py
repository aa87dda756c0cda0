"""Reading uploaded spreadsheets as people have them: XLSX, or CSV in UTF-8 (with or
without a BOM) or Windows-1254, separated by ``;`` or ``,``; blank rows skipped.

Rows are yielded one at a time, so a big file is never held as a table in memory.
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.importing.cells import is_blank

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000


class ImportFileError(Exception):
    """A file that cannot be read at all; the message says why and what to do."""


def _decode(content):
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Turkish Excel saves CSV in Windows-1254 (ş, ğ, ı, İ at their own code points).
        return content.decode("cp1254", errors="replace")


def _delimiter(first_line):
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def file_kind(name):
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        return "xlsx"
    if lowered.endswith((".csv", ".txt")):
        return "csv"
    raise ImportFileError(_("“%(name)s” is neither an Excel (.xlsx) nor a CSV (.csv) file.")
                          % {"name": name})


def check_size(size):
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is %(size)d MB; the limit is %(limit)d MB. Split it into smaller "
              "files.") % {"size": size // (1024 * 1024), "limit": MAX_FILE_BYTES // (1024 * 1024)})


def _csv_rows(content):
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    return csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))


def _xlsx_rows(content):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The Excel file cannot be opened (%(error)s); save it again "
                                "as .xlsx.") % {"error": error}) from None
    sheet = workbook.worksheets[0]
    try:
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def read_rows(content, name):
    """``(headers, rows)``: the first non-blank row as headers, then a generator of
    ``(row_number, values)`` with spreadsheet row numbers, skipping blank rows."""
    check_size(len(content))
    raw = _csv_rows(content) if file_kind(name) == "csv" else _xlsx_rows(content)
    numbered = enumerate(raw, start=1)
    headers = None
    for _number, values in numbered:
        if not all(is_blank(value) for value in values):
            headers = ["" if value is None else str(value).strip() for value in values]
            break
    if headers is None:
        raise ImportFileError(_("The file is empty: it has no header row."))
    while headers and not headers[-1]:
        headers.pop()

    def rows():
        count = 0
        for number, values in numbered:
            values = list(values)[: len(headers)]
            if all(is_blank(value) for value in values):
                continue
            count += 1
            if count > MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(limit)s rows; split it into smaller files.")
                    % {"limit": f"{MAX_ROWS:,}".replace(",", ".")})
            values += [None] * (len(headers) - len(values))
            yield number, values

    return headers, rows()


def count_rows(content, name):
    """The number of data rows, reading the file once without keeping it."""
    _headers, rows = read_rows(content, name)
    return sum(1 for _row in rows)
