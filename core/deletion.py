"""What holds a row against deletion, and how many rows refer to it.

History is never deleted silently: a row is held when deleting it would need to delete
a protected row (``on_delete=PROTECT``: a visit's answers, a task's updates…), would
drop a many-to-many link (an institution's partnerships and council attendances), or
would take a frozen row with it (a locked period, a published questionnaire version).
The admin's delete view shows these holders and refuses; ``references`` is the count
behind "referenced N times".
"""

from dataclasses import dataclass

from django.db import router
from django.db.models import Count, IntegerField, ProtectedError, RestrictedError, Value
from django.db.models.deletion import Collector
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext


@dataclass
class Holder:
    label: str
    count: int

    def __str__(self):
        return f"{self.label}: {self.count}"


def _plural(model, count):
    return str(model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)


def _reverse_relations(model):
    """Every relation pointing at ``model``, hidden ones (``related_name="+"``) too, but
    not the rows of automatic many-to-many tables (the link itself is counted)."""
    return [field for field in model._meta.get_fields(include_hidden=True)
            if field.auto_created and not field.concrete and field.is_relation
            and not field.related_model._meta.auto_created]


class ReferringRows:
    """Every row that points at ``instance`` by a foreign key or a many-to-many link, as
    one list of ``(row, relation)`` pairs that counts and slices without reading the rows
    it skips: the admin's usage view pages through it, ``references`` counts it. Read from
    the database when asked, so it is exact at once (Wagtail's reference index, which
    the domain's rows are not in, is brought up to date by a background job)."""

    def __init__(self, instance):
        self.parts = [
            (relation, relation.related_model._base_manager.filter(
                **{relation.field.name: instance}).order_by("pk"))
            for relation in _reverse_relations(type(instance))]

    @cached_property
    def counts(self):
        """Each relation's count, in one query (``UNION ALL`` of the counts)."""
        if not self.parts:
            return []
        counted = [rows.order_by().values(part=Value(index, output_field=IntegerField()))
                   .annotate(found=Count("pk")).values_list("part", "found")
                   for index, (_relation, rows) in enumerate(self.parts)]
        found = dict(counted[0].union(*counted[1:], all=True))
        return [found.get(index, 0) for index in range(len(self.parts))]

    def count(self):
        return sum(self.counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index:index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, _step = index.indices(len(self))
        found = []
        for (relation, rows), count in zip(self.parts, self.counts, strict=True):
            if stop <= 0:
                break
            if start < count:
                if not relation.many_to_many:  # a row's name often names what it points at
                    rows = rows.select_related(relation.field.name)
                found.extend((row, relation) for row in rows[start:min(stop, count)])
            start, stop = max(start - count, 0), stop - count
        return found


def references(instance):
    """How many rows point at ``instance`` (foreign keys and many-to-many links)."""
    return ReferringRows(instance).count()


def holders(instance):
    """``[Holder("answers", 12), …]``: the rows that keep ``instance`` from being deleted."""
    found = {}

    def add(model, count):
        if count:
            label = capfirst(_plural(model, count))
            found[label] = found.get(label, 0) + count

    for relation in _reverse_relations(type(instance)):
        if relation.many_to_many:
            add(relation.related_model, relation.related_model._base_manager.filter(
                **{relation.field.name: instance}).count())
    collector = Collector(using=router.db_for_write(type(instance)))
    try:
        collector.collect([instance])
    except (ProtectedError, RestrictedError) as error:
        blocking = error.protected_objects if isinstance(error, ProtectedError) \
            else error.restricted_objects
        by_model = {}
        for row in blocking:
            by_model[type(row)] = by_model.get(type(row), 0) + 1
        for model, count in by_model.items():
            add(model, count)
    else:
        for model, rows in collector.data.items():
            frozen = [row for row in rows if row is not instance
                      and getattr(row, "is_frozen", False)]
            add(model, len(frozen))
    return [Holder(label, count) for label, count in found.items()]


def refusal(instance, found):
    """The message that says what keeps ``instance`` and what to do instead."""
    return ngettext(
        "“%(object)s” cannot be deleted because it holds programme history: %(holders)s. "
        "Keep it, or remove that record first if it was entered by mistake.",
        "“%(object)s” cannot be deleted because it holds programme history: %(holders)s. "
        "Keep it, or remove those records first if they were entered by mistake.",
        sum(h.count for h in found),
    ) % {"object": instance, "holders": ", ".join(str(h) for h in found)}


def refusal_for_error(instance, error):
    """The refusal for a :class:`ProtectedError` raised by a delete that raced a new
    holder in (the check and the delete are not one statement)."""
    found = holders(instance)
    if found:
        return refusal(instance, found)
    return gettext("“%(object)s” cannot be deleted: %(reason)s") % {
        "object": instance, "reason": error.args[0] if error.args else ""}
