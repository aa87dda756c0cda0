"""The admin's side of the workflow mechanism: one view helper for every move button.

A button either opens a confirmation page (a reason, a goal, the move's explanation) or
posts straight from the row's inspect page. Either way the view parses the form, calls the
model's move method and answers a refusal (:class:`~core.workflow.IllegalMove`) the same
way: on the confirmation page as the form's error, from a posted button as an error
message on the page it goes back to.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from core.workflow import IllegalMove


def move_view(request, *, obj, make_move, done_url, success, form=None, template=None,
              context=None):
    """Run ``make_move(cleaned_data)`` for a valid POST and go back to ``done_url`` with
    ``success()`` (called after the move, so it can name the new state).

    With a ``template`` a GET (or a refused move) shows the confirmation page with ``form``;
    without one, the move is a button on the inspect page and a refusal becomes an error
    message there.
    """
    form = form if form is not None else forms.Form(
        request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            make_move(form.cleaned_data)
        except IllegalMove as error:
            if template is None:
                messages.error(request, str(error))
                return redirect(done_url)
            form.add_error(None, str(error))
        else:
            messages.success(request, success())
            return redirect(done_url)
    if template is None:
        return redirect(done_url)
    return TemplateResponse(request, template, {
        "object": obj, "form": form, "cancel_url": done_url, **(context or {})})
