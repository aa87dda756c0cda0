"""URL paths outside the public, language-prefixed site (the admin, the field app, files).

The locale middleware answers them without a language redirect, and the public page cache
never stores them."""

# A 404 under these is a real 404, not a public page missing its /tr/ or /en/ prefix.
UNPREFIXED_PATHS = ("/admin/", "/field/", "/documents/", "/static/", "/media/", "/i18n/",
                    "/reports/")
