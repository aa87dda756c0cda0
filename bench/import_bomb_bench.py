"""Spreadsheet bombs against the import's checks, as the worker runs them.

Run with ``.venv/bin/python -m bench.import_bomb_bench``. Each case runs in a fresh process
(so peak memory is its own): it builds the file, then times ``count_rows`` (the worker's
first step on an uploaded file: every limit is checked there, before openpyxl builds a
row) and prints the CPU time, the peak resident memory added over the process's size
before the check, the peak of Python allocations, and the outcome. The bombs are the
security probe's: one header row of 2,000,000 cells (about 60 KB zipped) and 3,000,000
blank rows (about 150 KB), plus a row a million rows down, a sheet claiming the whole grid
and a file that unzips to 124 MB; a legitimate file of 5,000 rows × 12 columns is the
comparison. The limits: under 2 s of worker time and under 50 MB extra memory.
"""

import io
import multiprocessing
import os
import resource
import sys
import time
import tracemalloc
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Firms" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>')


def xlsx(sheet_chunks, dimension=None):
    """An XLSX file whose first sheet's rows are the bytes of ``sheet_chunks``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in sheet_chunks:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


HEADER_ROW = b'<row r="1"><c t="inlineStr"><is><t>Tax number (VKN)</t></is></c></row>'


def wide_header():
    block = b"<c><v>1</v></c>" * 10_000
    return xlsx([b'<row r="1">', *([block] * 200), b"</row>"])


def blank_rows():
    block = b'<row><c s="1"/></row>' * 10_000
    return xlsx([HEADER_ROW, *([block] * 300)])


def far_row():
    return xlsx([HEADER_ROW, b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'])


def whole_grid():
    return xlsx([HEADER_ROW], dimension="A1:XFD1048576")


def unzips_big():
    filler = b'<row><c><v>1</v></c></row>' * 10_000
    return xlsx([HEADER_ROW, *([filler] * 500)])


def legitimate():
    def rows():
        yield b"<row>" + b"".join(b'<c t="inlineStr"><is><t>column %d</t></is></c>' % n
                                  for n in range(12)) + b"</row>"
        for start in range(0, 5_000, 1000):
            yield b"".join(
                b"<row>" + b"".join(b'<c t="inlineStr"><is><t>Firma %d-%d</t></is></c>'
                                    % (n, col) for col in range(12)) + b"</row>"
                for n in range(start, start + 1000))
    return xlsx(rows())


CASES = [("2,000,000 cells in the header row", wide_header),
         ("3,000,000 blank rows", blank_rows),
         ("one value a million rows down", far_row),
         ("dimension claims the whole grid", whole_grid),
         ("unzips to 124 MB", unzips_big),
         ("legitimate: 5,000 rows x 12 columns", legitimate)]


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_case(index, answers):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.utils import translation

    from core.importing.files import ImportFileError, count_rows

    label, build = CASES[index]
    content = build()
    translation.activate("en")
    before = rss_mb()
    tracemalloc.start()
    started_cpu, started = time.process_time(), time.perf_counter()
    try:
        outcome = f"accepted: {count_rows(content, 'firms.xlsx')} rows"
    except ImportFileError as error:
        outcome = f"refused: {error}"
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started
    python_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answers.put((label, len(content), cpu, wall, max(0.0, peak - before), python_peak,
                 outcome))


def out(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main():
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    out(f"{'case':40} {'bytes':>9} {'cpu s':>6} {'wall s':>6} {'+RSS MB':>8} "
        f"{'py MB':>6}  outcome")
    for index in range(len(CASES)):
        process = context.Process(target=run_case, args=(index, answers))
        process.start()
        label, size, cpu, wall, extra, python_peak, outcome = answers.get()
        process.join()
        out(f"{label:40} {size:>9} {cpu:>6.2f} {wall:>6.2f} {extra:>8.1f} "
            f"{python_peak:>6.1f}  {outcome}")


if __name__ == "__main__":
    main()
