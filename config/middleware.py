from django.middleware.locale import LocaleMiddleware

# Paths outside the public, language-prefixed site. A 404 under them is a real 404,
# not a public page missing its /tr/ or /en/ prefix.
UNPREFIXED_PATHS = ("/admin/", "/field/", "/documents/", "/static/", "/media/", "/i18n/",
                    "/reports/", "/api/")


class PublicLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that redirects to a language prefix only on the public site."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
