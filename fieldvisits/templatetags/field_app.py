"""Texts the field app's scripts show, in the page's language, as a JSON block (no inline
script: the page stays within a strict Content-Security-Policy)."""

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


def field_strings():
    return {
        "summary": _("Waiting: %(waiting)s · sent: %(sent)s · refused: %(refused)s"),
        "state_waiting": _("Waiting to send"),
        "state_sent": _("Sent"),
        "state_refused": _("Refused"),
        "submission": _("Submission"),
        "photo": _("Photo %(name)s"),
        "answers_on_phone": _("The answers kept on this phone"),
        "no_network": _("No network: the outbox sends itself when the network is back."),
        "log_in_again": _("Your session has ended: log in again to send the outbox."),
        "server_busy": _("The server did not answer; the outbox tries again shortly."),
        "already_received": _("The server had already received this."),
        "refused": _("The server refused this."),
        "kept_on_phone": _("Kept on this phone at %(time)s."),
        "not_kept": _("Could not keep the answers on this phone; save the draft."),
        "restored": _("Answers kept on this phone (typed %(time)s) are shown."),
        "fix_first": _("Not submitted: %(count)s answers need attention."),
        "photos_with_it": _("Photos of this visit: %(count)s (%(waiting)s still in the "
                            "outbox)"),
        "photo_kept": _("%(count)s photo(s) kept on this phone; they are sent with the outbox."),
        "photo_preparing": _("Preparing %(count)s file(s)…"),
        "photo_too_big": _("%(name)s is %(size)s MB even after resizing; the limit is "
                           "%(limit)s MB. It was not added."),
        "remove": _("Remove"),
        "state_sending": _("Sending…"),
        "timed_out": _("The server did not answer in time; the outbox tries again shortly."),
        "restarted": _("Sending again."),
        "locked": _("This phone's outbox is locked: log in again to open it."),
        "locked_for": _("%(count)s item(s) of %(name)s wait on this phone, locked to them: "
                        "they are sent when %(name)s logs in here again."),
        "on_server": _("On the server: %(value)s"),
        "open_to_fix": _("Open to fix"),
        "dismiss": _("Dismiss"),
        "dismiss_confirm": _("Remove this refused item from the phone? Its answers are "
                             "deleted here."),
        "storage_used": _("Storage used"),
        "items_queued": _("Items waiting"),
        "last_sync": _("Last sync"),
        "persistent": _("Persistent storage"),
        "persist_yes": _("granted: the browser keeps this data"),
        "persist_no": _("not granted: the browser may clear it when space runs low"),
        "submission_sent": _("Submitted: the server has this visit."),
        "version_mine": _("Mine"),
        "version_theirs": _("Other"),
    }


@register.simple_tag
def field_strings_json():
    return json_script(field_strings(), "field-strings")
