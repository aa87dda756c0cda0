"""Queryset pieces every app's visibility rules share."""


def any_of(queryset, *conditions):
    """The rows of ``queryset`` meeting at least one of ``conditions``: keyword dicts of
    lookups along to-one relations (a to-many one is given as ``pk__in`` of the other
    table's ids, so no row repeats), or ``None`` for a condition that holds for no row.

    ``filter(Q(a) | Q(b))`` with ``a`` and ``b`` reached through different joins (a
    programme through the plan, an institution through a task) leaves PostgreSQL no index
    to start from: it reads every row of the table and tests both sides, so a programme's
    page grows with the number of programmes. Here a single condition is a plain filter,
    and several are ``pk IN (ids meeting the first UNION ids meeting the second …)``, each
    id set read through its own index (the caller's filters go into every branch).
    """
    conditions = [condition for condition in conditions if condition is not None]
    if not conditions:
        return queryset.none()
    if len(conditions) == 1:
        return queryset.filter(**conditions[0])
    first, *others = (queryset.filter(**condition).order_by().values("pk")
                      for condition in conditions)
    return queryset.filter(pk__in=first.union(*others))
