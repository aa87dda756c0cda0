"""Uploaded evidence: which files are taken, checked by content and name together.

A file is taken only when its extension is one of ``EVIDENCE_TYPES`` and its first bytes
are what that type starts with (an office document is a zip holding its own parts), so
an .html, .svg or .exe renamed to .pdf is refused. Files are stored under generated
names and served only by views that check who asks.
"""

import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

EVIDENCE_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Room for the form's other fields around the file in a multipart body.
FORM_OVERHEAD_BYTES = 64 * 1024

_OFFICE_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def content_matches(extension, upload):
    """Whether ``upload``'s first bytes are what a file named ``.extension`` starts with:
    JPEG, PNG, PDF, HEIC, or an office document (a zip holding its own main part). The
    one signature check for every upload: visit attachments and task evidence."""
    head = upload.read(12)
    upload.seek(0)
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "heic":
        return head[4:8] == b"ftyp"
    if extension not in _OFFICE_PART or not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            return _OFFICE_PART[extension] in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def body_too_large(request, limit=None):
    """Whether the request announces a body larger than a form with one file of
    ``limit`` bytes: checked before the body is read, so a huge upload is refused at once."""
    limit = EVIDENCE_MAX_BYTES if limit is None else limit
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limit + FORM_OVERHEAD_BYTES


def too_large_message(limit=None):
    limit = EVIDENCE_MAX_BYTES if limit is None else limit
    return gettext("The file is too large; the limit is %(limit)s.") % {
        "limit": filesizeformat(limit)}


def validate_evidence(upload):
    """The upload's extension when it may be stored; a clear refusal otherwise."""
    extension = extension_of(upload.name)
    if extension not in EVIDENCE_TYPES:
        raise ValidationError(gettext(
            "Attach a PDF, a photo (JPEG, PNG) or a Word or Excel document (.docx, .xlsx)."))
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(too_large_message())
    if not content_matches(extension, upload):
        raise ValidationError(gettext(
            "The file's content does not match its .%(ext)s name.") % {"ext": extension})
    return extension


def generated_name(folder, extension):
    return f"{folder}/{uuid.uuid4().hex}.{extension}"
