"""Queryset pieces every app's visibility rules share."""

from django.db.models import Q, QuerySet


def any_of(queryset, *conditions):
    """The rows of ``queryset`` meeting at least one of ``conditions``: keyword dicts of
    lookups along to-one relations (a to-many one is given as ``pk__in`` of the other
    table's ids, so no row repeats), or ``None`` for a condition that holds for no row.

    ``filter(Q(a) | Q(b))`` with ``a`` and ``b`` reached through different joins (a
    programme through the plan, an institution through a task) leaves PostgreSQL no index
    to start from: it reads every row of the table and tests both sides, so a programme's
    page grows with the number of programmes. Here a single condition is a plain filter;
    conditions on the table's own columns, compared with values (``program__in`` a list of
    ids, ``agent`` a user), are ORed, which PostgreSQL answers by OR-ing the bitmaps of
    their indexes; others are ``pk IN (ids meeting the first UNION ids meeting the second
    …)``, each id set read through its own index (the caller's filters go into every
    branch).
    """
    conditions = [condition for condition in conditions if condition is not None]
    if not conditions:
        return queryset.none()
    if len(conditions) == 1:
        return queryset.filter(**conditions[0])
    if all(_on_own_columns(queryset.model, condition) for condition in conditions):
        either = Q()
        for condition in conditions:
            either |= Q(**condition)
        return queryset.filter(either)
    first, *others = (queryset.filter(**condition).order_by().values("pk")
                      for condition in conditions)
    return queryset.filter(pk__in=first.union(*others))


def _on_own_columns(model, condition):
    """True when every lookup of ``condition`` compares a column of ``model`` itself with a
    value: no relation crossed, no subquery (a ``pk IN (subquery)`` is joined to the table,
    which PostgreSQL then reads whole to match an OR)."""
    for key, value in condition.items():
        if isinstance(value, QuerySet):
            return False
        name, *lookups = key.split("__")
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        if len(lookups) > 1 or not field.concrete or (
                lookups and field.get_lookup(lookups[0]) is None):
            return False
    return True
