"""The storage of each kind of private file, chosen by its alias in ``STORAGES``
(see ``config/file_storage.py``), so a file field never names a backend or a path.

A field is given a callable (``storage=reports_storage``): migrations record the
callable, not the backend of the machine that made them. The callable returns a lazy
object that looks the alias up on first use and again after ``STORAGES`` changes (tests
switch to the S3 backend that way).
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class AliasedStorage(LazyObject):
    def __init__(self, alias):
        super().__init__()
        self.__dict__["_alias"] = alias

    def _setup(self):
        self._wrapped = storages[self.__dict__["_alias"]]


# The kinds of private file, each its own storage alias (and prefix on object storage).
PRIVATE_KINDS = ("reports", "evidence", "imports")

REPORTS = AliasedStorage("reports")
EVIDENCE = AliasedStorage("evidence")
IMPORTS = AliasedStorage("imports")


def reports_storage():
    return REPORTS


def evidence_storage():
    return EVIDENCE


def imports_storage():
    return IMPORTS


@receiver(setting_changed)
def _forget_storages(*, setting, **kwargs):
    if setting in {"STORAGES", "MEDIA_ROOT"}:
        for lazy in (REPORTS, EVIDENCE, IMPORTS):
            lazy._wrapped = empty
