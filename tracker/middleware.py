from tracker.access import in_program_scope, remembering_access
from tracker.models import ProgramScope

ADMIN_PREFIX = "/admin/"


class CurrentProgramMiddleware:
    """Serves every admin request inside the programme its user chose in the header
    (see ``tracker.access.in_program_scope``). The public site, the field app and report
    downloads are not narrowed: links to them name their rows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not request.path_info.startswith(ADMIN_PREFIX) or user is None \
                or not user.is_authenticated:
            return self.get_response(request)
        request.program_scope = ProgramScope(user)
        with in_program_scope(request.program_scope):
            return self.get_response(request)


class RememberedAccessMiddleware:
    """Serves every request with the access rules' reads of the user's programme and
    institution ids remembered for the request (see ``tracker.access.remembered``): a page
    building several rules reads them once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with remembering_access():
            return self.get_response(request)
