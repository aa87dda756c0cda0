"""Where files live, read from the environment by the settings.

Four storage aliases: ``default`` (Wagtail's images and documents of the public site),
``reports`` (issued report files), ``evidence`` (visit photos and task evidence) and
``imports`` (uploaded spreadsheets). The last three are private: no URL serves them, only
views that check who asks stream them (see the README's production section).

``TRACKER_FILE_STORAGE=local`` (the default) keeps them on this machine's disk;
``TRACKER_FILE_STORAGE=s3`` puts each kind under its own prefix of an S3-compatible bucket
(``TRACKER_S3_BUCKET``, or one bucket per kind with ``TRACKER_S3_BUCKET_REPORTS`` …), so
every web node and worker reads the same files. Credentials come from boto3's own
environment variables (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``) or the machine's
role, never from the settings module.
"""

from core.storage import PRIVATE_KINDS

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_options(*, bucket, prefix, endpoint_url="", region="", private=True):
    options = {
        "bucket_name": bucket,
        "location": prefix,
        "region_name": region or None,
        "endpoint_url": endpoint_url or None,
        # Path-style addressing works with every S3-compatible server (MinIO, Ceph, moto).
        "addressing_style": "path",
        "signature_version": "s3v4",
        "file_overwrite": False,
        "default_acl": "private" if private else None,
        # Private files never get a URL from the application; should one be asked for, it
        # is signed and short-lived rather than permanent.
        "querystring_auth": private,
        "querystring_expire": 60,
    }
    return {key: value for key, value in options.items() if value is not None}


def file_storages(environ, *, reports_root, imports_root, static_backend):
    """The ``STORAGES`` setting for ``environ`` (``os.environ`` or a test's dict)."""
    kind = environ.get("TRACKER_FILE_STORAGE", "local").strip().lower()
    staticfiles = {"BACKEND": static_backend}
    if kind == "local":
        filesystem = "django.core.files.storage.FileSystemStorage"
        return {
            "default": {"BACKEND": filesystem},
            "reports": {"BACKEND": filesystem,
                        "OPTIONS": {"location": str(reports_root), "base_url": None}},
            # Under MEDIA_ROOT for existing installations; urls.py serves only the public
            # image folders of MEDIA_ROOT, never these.
            "evidence": {"BACKEND": filesystem},
            "imports": {"BACKEND": filesystem,
                        "OPTIONS": {"location": str(imports_root), "base_url": None}},
            "staticfiles": staticfiles,
        }
    if kind != "s3":
        raise ValueError(f"TRACKER_FILE_STORAGE must be 'local' or 's3', not {kind!r}.")
    bucket = environ.get("TRACKER_S3_BUCKET", "")
    endpoint_url = environ.get("TRACKER_S3_ENDPOINT_URL", "")
    region = environ.get("TRACKER_S3_REGION", "")
    root = environ.get("TRACKER_S3_PREFIX", "").strip("/")

    def options(alias, *, private=True):
        own_bucket = environ.get(f"TRACKER_S3_BUCKET_{alias.upper()}", "")
        if not (own_bucket or bucket):
            raise ValueError(f"Set TRACKER_S3_BUCKET (or TRACKER_S3_BUCKET_{alias.upper()}) "
                             "when TRACKER_FILE_STORAGE is s3.")
        prefix = alias if not own_bucket else ""
        prefix = "/".join(part for part in (root, prefix) if part)
        return s3_options(bucket=own_bucket or bucket, prefix=prefix,
                          endpoint_url=endpoint_url, region=region, private=private)

    storages = {alias: {"BACKEND": S3_BACKEND, "OPTIONS": options(alias)}
                for alias in PRIVATE_KINDS}
    # Public images of the site: readable by everyone under their plain URL.
    storages["default"] = {"BACKEND": S3_BACKEND, "OPTIONS": options("media", private=False)}
    if environ.get("TRACKER_MEDIA_DOMAIN"):
        storages["default"]["OPTIONS"]["custom_domain"] = environ["TRACKER_MEDIA_DOMAIN"]
    storages["staticfiles"] = staticfiles
    return storages
