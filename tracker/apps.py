from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Programme")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from tracker.access import forget_remembered_access

        # Whatever the access rules read besides the request's own user object: a change
        # to any of it ends what the request remembers (tracker.access.remembered).
        user = get_user_model()
        for sender in ("tracker.Membership", "tracker.Institution", user, Group, Permission):
            label = sender if isinstance(sender, str) else sender._meta.label
            for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
                signal.connect(forget_remembered_access, sender=sender,
                               dispatch_uid=f"forget-access-{label}-{name}")
        for through in (user.groups.through, user.user_permissions.through,
                        Group.permissions.through):
            m2m_changed.connect(forget_remembered_access, sender=through,
                                dispatch_uid=f"forget-access-{through._meta.label}")
