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
        "photos_waiting": _("Photos sent with it: %(count)s"),
        "photo_kept": _("%(count)s photo(s) kept on this phone; they are sent with the outbox."),
        "logout_unsent": _("%(count)s items in the outbox have not been sent. Logging out "
                           "deletes them from this phone. Log out anyway?"),
    }


@register.simple_tag
def field_strings_json():
    return json_script(field_strings(), "field-strings")
