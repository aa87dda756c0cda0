"""The one workflow mechanism: every model with states (a visit's status, a cluster's
stage, a financing application's stage, an enquiry's status…) declares its moves once, as a
:class:`Workflow`, and changes state only through :meth:`Workflow.move`.

A move, inside ``transaction.atomic``:

1. locks the row (``select_for_update``) and reads its stored state from the locked row,
   never from the instance in memory, which may be older than the transaction;
2. re-checks that the stored state is one the move starts from, else refuses with
   :class:`IllegalMove` (one error type, one message shape: "… “current” cannot become
   “target”.");
3. runs the caller's checks that need the lock (``before_save``), writes the state and any
   other field changes, and records exactly one event row (who, when, from, to, note) in the
   model's event table, a subclass of :class:`WorkflowEvent`.

Two people acting on one row at the same moment therefore cannot both succeed: the second
waits for the first's lock, sees what the first did and is refused.

Why not django-fsm-2 (with django-fsm-log): its ``@transition`` checks the source state on
the instance in memory; ``ConcurrentTransitionMixin`` only detects a conflict when saving
(optimistic, ``UPDATE … WHERE state = old``), so a move's own checks (a goal's actions, the
matched listings) would run against a state that may already have changed, and its log is
one generic table filled by a signal, not the per-model dated history that reports read as
of a day. The rule here is lock, then re-check on the locked row, then write; fifty lines do
exactly that.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IllegalMove(Exception):
    """A state change the row's stored state does not allow, or a check of the move that
    failed; the message says why, in the reader's language."""


class WorkflowEvent(models.Model):
    """One dated state change: the history every workflow keeps. A subclass adds the link
    to its row and the ``from``/``to`` fields with the model's choices."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                           on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


@dataclass(frozen=True)
class Move:
    sources: tuple
    target: str


class Workflow:
    """The states and moves of one model.

    ``field`` is the state field; ``moves`` maps a move's name to ``(sources, target)``;
    ``event`` names the event model (``"app_label.ModelName"``, resolved when first used) and
    ``event_fields`` its link, from and to fields; ``gone`` and ``refused`` are the model's
    messages ("This visit no longer exists.", "A visit that is “%(current)s” cannot become
    “%(target)s”."); ``also_read`` are fields re-read from the locked row with the state, and
    ``on_move(instance, target)`` returns field changes every move makes (a cluster's
    furthest stage reached).
    """

    def __init__(self, *, field, moves, event, event_fields, gone, refused, also_read=(),
                 on_move=None):
        self.field = field
        self.moves = {name: Move(tuple(sources), target)
                      for name, (sources, target) in moves.items()}
        self.event = event
        self.link, self.event_from, self.event_to = event_fields
        self.gone, self.refused = gone, refused
        self.also_read = tuple(also_read)
        self.on_move = on_move

    def sources(self, name):
        return self.moves[name].sources

    def available(self, state):
        """Names of the moves that start from ``state``, in their declared order."""
        return [name for name, move in self.moves.items() if state in move.sources]

    def _event_model(self, instance):
        return instance._meta.apps.get_model(self.event)

    def move(self, instance, name, *, by, note="", changes=None, before_save=None):
        """Make the move ``name`` on ``instance`` and return its event row.

        ``changes`` are other fields written with the state. ``before_save()`` runs on the
        locked, re-checked row before anything is written; it may raise :class:`IllegalMove`
        and may return the event's note.
        """
        move = self.moves[name]
        model = type(instance)
        read = (self.field, *self.also_read)
        with transaction.atomic():
            stored = (model._default_manager.select_for_update().filter(pk=instance.pk)
                      .values(*read).first()) if instance.pk else None
            if stored is None:
                raise IllegalMove(self.gone)
            for field_name in read:
                setattr(instance, field_name, stored[field_name])
            previous = stored[self.field]
            if previous not in move.sources:
                state_field = model._meta.get_field(self.field)
                labels = dict(state_field.flatchoices)
                raise IllegalMove(self.refused % {
                    "current": labels.get(previous, previous),
                    "target": labels.get(move.target, move.target)})
            if before_save is not None:
                note = before_save() or note
            changes = dict(changes or {})
            if self.on_move is not None:
                changes.update(self.on_move(instance, move.target))
            changes[self.field] = move.target
            for field_name, value in changes.items():
                setattr(instance, field_name, value)
            update_fields = list(changes)
            if any(field.name == "updated_at" for field in model._meta.concrete_fields):
                update_fields.append("updated_at")
            instance.save(update_fields=update_fields)
            return self._event_model(instance).objects.create(**{
                self.link: instance, self.event_from: previous, self.event_to: move.target,
                "by": by, "note": note})
