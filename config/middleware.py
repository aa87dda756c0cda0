from django.middleware.locale import LocaleMiddleware

from core.paths import UNPREFIXED_PATHS


class PublicLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that redirects to a language prefix only on the public site."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
