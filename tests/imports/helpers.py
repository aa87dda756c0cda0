"""Building spreadsheets as people send them, and running an import as the admin does."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tracker.importing.runs import confirm_import, start_import


def csv_file(rows, *, name="data.csv", encoding="utf-8", delimiter=";"):
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows)
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, *, name="data.xlsx"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def preview(resource_class, upload, *, program, user):
    return start_import(resource_class=resource_class, program=program, user=user,
                        upload=upload)


def import_file(resource_class, upload, *, program, user):
    """Preview then confirm, as the coordinator clicks through; returns the run."""
    run = preview(resource_class, upload, program=program, user=user)
    assert run.status == "previewed", (run.status, run.message, run.errors)
    return confirm_import(run_id=run.pk, user=user)


def messages_of(run):
    return [(row, column, message) for row, column, message in run.errors]
