"""Reading uploaded spreadsheets as people have them: XLSX, or CSV in UTF-8 (with or
without a BOM) or Windows-1254, separated by ``;`` or ``,``; blank rows skipped.

Rows are yielded one at a time, so a big file is never held as a table in memory.

An XLSX file is a ZIP of XML: a few kilobytes can unzip to gigabytes, or describe one row
of millions of cells or millions of blank rows, and openpyxl builds each row whole before
handing it over. So an XLSX file is checked first, from the ZIP's directory (each
member's declared size, which ``zipfile`` never reads past) and then by streaming the
first sheet's XML with every cell dropped as soon as it is counted: sheet dimensions, cells
per row, rows and blank rows. Only a file within every limit is read by openpyxl. A CSV
file is held to the same cells per row and blank rows. Every refusal says which limit and
what to do.
"""

import csv
import io
import posixpath
import re
import zipfile
from xml.etree.ElementTree import ParseError, iterparse

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.importing.cells import is_blank

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
MAX_COLUMNS = 200
MAX_BLANK_ROWS = 1_000
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


class ImportFileError(Exception):
    """A file that cannot be read at all; the message says why and what to do."""


def _megabytes(size):
    return number_format(round(size / (1024 * 1024)), force_grouping=True)


def _number(value):
    return number_format(value, force_grouping=True)


def _column_index(letters):
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _first_sheet_path(archive):
    """The first worksheet's member name, as openpyxl would open it."""
    with archive.open("xl/workbook.xml") as workbook:
        for _event, element in iterparse(workbook, events=("end",)):
            if element.tag == f"{SHEET_NS}sheet":
                relation = element.get(f"{REL_NS}id")
                break
        else:
            raise ImportFileError(_("The Excel file has no sheet."))
    with archive.open("xl/_rels/workbook.xml.rels") as rels:
        for _event, element in iterparse(rels, events=("end",)):
            if element.tag == f"{PACKAGE_REL_NS}Relationship" and element.get("Id") == relation:
                target = element.get("Target")
                return target.lstrip("/") if target.startswith("/") \
                    else posixpath.normpath(posixpath.join("xl", target))
    raise ImportFileError(_("The Excel file's first sheet cannot be found."))


def check_zip(archive):
    declared = sum(info.file_size for info in archive.infolist())
    if declared > MAX_UNZIPPED_BYTES:
        raise ImportFileError(_(
            "Unzipped, the Excel file would take %(size)s MB; the limit is %(limit)s MB. Save "
            "only the sheet to import, without pictures, or split it into smaller files.")
            % {"size": _megabytes(declared), "limit": _megabytes(MAX_UNZIPPED_BYTES)})
    try:
        shared = archive.getinfo("xl/sharedStrings.xml").file_size
    except KeyError:
        shared = 0
    if shared > MAX_SHARED_STRINGS_BYTES:
        raise ImportFileError(_(
            "The Excel file's texts take %(size)s MB unzipped; the limit is %(limit)s MB. "
            "Split it into smaller files.")
            % {"size": _megabytes(shared), "limit": _megabytes(MAX_SHARED_STRINGS_BYTES)})


def _too_many_cells(row):
    return ImportFileError(_(
        "Row %(row)s of the sheet has more than %(limit)s cells; an import has at most "
        "%(limit)s columns. Delete the unused columns and save the file again.")
        % {"row": row, "limit": MAX_COLUMNS})


def _too_many_blank_rows(row):
    return ImportFileError(_(
        "The sheet has more than %(limit)s blank rows (the last at row %(row)s). Delete the "
        "empty rows below the data and save the file again.")
        % {"limit": _number(MAX_BLANK_ROWS), "row": row})


def _too_many_rows(limit):
    return ImportFileError(_("The file has more than %(limit)s rows; split it into smaller "
                             "files.") % {"limit": _number(limit)})


def _check_dimension(reference, max_rows):
    last = reference.split(":")[-1]
    match = CELL_REF.match(last)
    if not match:
        return
    columns, rows = _column_index(match.group(1)), int(match.group(2))
    if columns > MAX_COLUMNS or rows > max_rows + MAX_BLANK_ROWS + 1:
        raise ImportFileError(_(
            "The sheet spans %(columns)s columns and %(rows)s rows; an import takes at most "
            "%(max_columns)s columns and %(max_rows)s rows. Delete the unused rows and "
            "columns (select them, Delete) and save the file again.")
            % {"columns": _number(columns), "rows": _number(rows), "max_columns": MAX_COLUMNS,
               "max_rows": _number(max_rows)})


def scan_sheet(stream, *, max_rows):
    """Stream a worksheet's XML and return its number of non-blank rows, refusing one over
    the limits as soon as it shows: each cell is dropped once counted, so memory does not
    grow with the row."""
    rows = blank = last_row = 0
    row = sheet_data = None
    cells = column = 0
    has_value = False
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{SHEET_NS}row":
                row = element
                number = int(element.get("r") or last_row + 1)
                blank += max(0, number - last_row - 1)
                last_row, cells, column, has_value = number, 0, 0, False
            elif tag == f"{SHEET_NS}sheetData":
                sheet_data = element
            elif tag == f"{SHEET_NS}dimension":
                _check_dimension(element.get("ref", ""), max_rows)
            continue
        if tag == f"{SHEET_NS}c":
            cells += 1
            match = CELL_REF.match(element.get("r") or "")
            column = _column_index(match.group(1)) if match else column + 1
            if cells > MAX_COLUMNS or column > MAX_COLUMNS:
                raise _too_many_cells(last_row)
            if not has_value:
                has_value = any((child.text or "").strip() for child in element.iter()
                                if child.tag in (f"{SHEET_NS}v", f"{SHEET_NS}t"))
            if row is not None:
                row.remove(element)
        elif tag == f"{SHEET_NS}row":
            if has_value:
                rows += 1
            else:
                blank += 1
            if blank > MAX_BLANK_ROWS:
                raise _too_many_blank_rows(last_row)
            if rows > max_rows + 1:
                raise _too_many_rows(max_rows)
            if sheet_data is not None:
                sheet_data.clear()
            row = None
    return rows


def check_xlsx(content_stream, *, max_rows):
    """Check the XLSX file ``content_stream`` (a seekable binary file) against every limit;
    returns its number of non-blank rows (the header row included)."""
    try:
        with zipfile.ZipFile(content_stream) as archive:
            check_zip(archive)
            with archive.open(_first_sheet_path(archive)) as sheet:
                return scan_sheet(sheet, max_rows=max_rows)
    except (zipfile.BadZipFile, KeyError, ParseError, ValueError) as error:
        raise ImportFileError(_("The Excel file cannot be opened (%(error)s); save it "
                                    "again as .xlsx.") % {"error": error}) from None


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
    delimiter = _delimiter(text.split("\n", 1)[0])
    # The csv module builds a row whole: a line of millions of separators is refused
    # before it is parsed (a quoted separator counts too, hence the margin).
    for number, line in enumerate(io.StringIO(text), start=1):
        if line.count(delimiter) > 4 * MAX_COLUMNS:
            raise _too_many_cells(number)
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""),
                                            delimiter=delimiter), start=1):
        if len(row) > MAX_COLUMNS:
            raise _too_many_cells(number)
        yield row


def _xlsx_rows(content):
    check_xlsx(io.BytesIO(content), max_rows=MAX_ROWS)
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
        count = blank = 0
        for number, values in numbered:
            values = list(values)[: len(headers)]
            if all(is_blank(value) for value in values):
                blank += 1
                if blank > MAX_BLANK_ROWS:
                    raise _too_many_blank_rows(number)
                continue
            count += 1
            if count > MAX_ROWS:
                raise _too_many_rows(MAX_ROWS)
            values += [None] * (len(headers) - len(values))
            yield number, values

    return headers, rows()


def count_rows(content, name):
    """The number of data rows, reading the file once without keeping it."""
    _headers, rows = read_rows(content, name)
    return sum(1 for _row in rows)
