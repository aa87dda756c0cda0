from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def program_switcher(context):
    """The header's choice of programme, shown only to a person who has a choice."""
    request = context.get("request")
    scope = getattr(request, "program_scope", None)
    if scope is None or not scope.switchable:
        return ""
    return render_to_string("tracker/program_switcher.html", {
        "choices": scope.choices(), "current": scope.program_id,
        "every_program": scope.sees_every_program, "next": request.get_full_path(),
    }, request=request)
