"""One freeze rule for every record that must not change once it counts: a published
questionnaire version, the content of an approved action plan, a locked reporting period.

A frozen row and the rows hanging off it refuse ``save``, ``delete`` and form
validation with one error type, :class:`FrozenError`, whose message says what froze
the row and what to do instead ("…and cannot be changed; revise it to make a new
draft."). Forms (through ``Model.clean``), admin views, services and deletes all ask
the same question, so no path can slip past.
"""

from django.core.exceptions import ValidationError


class FrozenError(ValidationError):
    """A change to a frozen record, or to a row that belongs to one."""


class Freezable:
    """Mixin for models whose rows freeze.

    A model names the row that decides (``freeze_holder``: itself, its plan version,
    its questionnaire version, its period); that row says whether and why it is
    frozen (``frozen_message``, ``None`` while open). ``OPEN_WHEN_FROZEN`` lists the
    fields that record workflow or execution and may still change on a frozen row.
    """

    OPEN_WHEN_FROZEN = frozenset()

    def freeze_holder(self):
        return self

    def frozen_message(self):
        """Why this holder is frozen, or ``None``. Every holder (questionnaire version,
        plan version, reporting period, report) overrides it; a row held by another is
        never asked."""
        raise NotImplementedError(f"{type(self).__name__} is a freeze holder and must say "
                                  "when it is frozen (frozen_message)")

    def _holders(self):
        """The holders that decide: the one the row is stored under and, for a row held
        by another (a question by its version), the one it would move to. Each is read
        fresh from the database, since one in memory may have been frozen since. A row
        that is its own holder is judged as stored: a new approved version may be
        created, a stored one may not change."""
        holders = []
        holder = self.freeze_holder()
        if holder is not None and holder is not self:
            if holder.pk is not None:
                holder = type(holder)._base_manager.filter(pk=holder.pk).first() or holder
            holders.append(holder)
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).first()
            if stored is not None and stored.freeze_holder() is not None:
                holders.append(stored.freeze_holder())
        return holders

    def freeze_error(self):
        """A :class:`FrozenError` when the row (as it would be saved, or as stored)
        belongs to a frozen holder; ``None`` when it may change."""
        for holder in self._holders():
            message = holder.frozen_message()
            if message:
                return FrozenError(message, code="frozen")
        return None

    @property
    def is_frozen(self):
        holder = self.freeze_holder()
        return holder is not None and bool(holder.frozen_message())

    @property
    def is_editable(self):
        return not self.is_frozen

    def ensure_editable(self, update_fields=None):
        if update_fields and set(update_fields) <= self.OPEN_WHEN_FROZEN:
            return
        error = self.freeze_error()
        if error is not None:
            raise error

    def clean(self):
        super().clean()
        self.ensure_editable()

    def save(self, *args, update_fields=None, **kwargs):
        self.ensure_editable(update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        self.ensure_editable()
        return super().delete(*args, **kwargs)
