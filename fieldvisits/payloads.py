"""JSON bodies the /field/ app's endpoints accept: size and depth are checked before the
answers are read, so a hostile body costs bounded time and memory."""

import json

from django.conf import settings
from django.utils.translation import gettext as _

# Answers are scalars or lists of scalars; the body wraps them in one object.
MAX_NESTING = 3


class BadPayload(Exception):
    """A request body the endpoints refuse with 400 and this message."""


def _depth(value):
    """How many containers deep ``value`` goes, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_NESTING:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def parse_answers_body(request):
    """``(body, answers)`` of a JSON body ``{"answers": {code: value}, ...}``.

    Refuses, before parsing, a body over ``FIELD_JSON_MAX_BYTES``, and after parsing one
    nested deeper than answers need (a list of choices inside the answers object).
    """
    limit = settings.FIELD_JSON_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise BadPayload(_("The request is %(size)s KB; the limit is %(limit)s KB.") % {
            "size": declared // 1024, "limit": limit // 1024})
    raw = request.body
    if len(raw) > limit:
        raise BadPayload(_("The request is %(size)s KB; the limit is %(limit)s KB.") % {
            "size": len(raw) // 1024, "limit": limit // 1024})
    try:
        body = json.loads(raw)
    except RecursionError:
        raise BadPayload(_("The answers are nested deeper than a questionnaire needs.")) from None
    except ValueError:
        raise BadPayload(_("Send JSON with a submission_uuid and an answers object.")) from None
    if not isinstance(body, dict) or not isinstance(body.get("answers"), dict):
        raise BadPayload(_("Send JSON with a submission_uuid and an answers object."))
    if _depth(body) > MAX_NESTING:
        raise BadPayload(_("The answers are nested deeper than a questionnaire needs."))
    return body, body["answers"]
