"""Field-study figures for the public site: the only module of ``fieldvisits`` that ``cms``
may read from (``tests/cms/test_public_boundary.py`` holds it to that).

The rule for everything exposed here:

- Only aggregates leave: counts, shares and totals over many firms. Nothing firm-level —
  no firm's identity, answers, scores or money figures, no rows or querysets of firms,
  visits or answers — is ever returned.
- Any published cell (a count or value for one group: a sector, a district, a size
  class...) that rests on fewer than ``MINIMUM_FIRMS`` firms must be suppressed, as must
  a cell dominated by one firm's value: the disclosure-control rules of statistics
  offices. Today only programme-wide totals are exposed; the suppression itself comes
  with the first breakdown published through this module.
"""

from fieldvisits.queries import coverage_summary, share

MINIMUM_FIRMS = 5


def field_study_progress(program):
    """Programme-wide progress of the field study against its targets.

    ``firms_assessed`` of ``firms_target`` and ``visits_completed`` (submitted or
    approved) of ``visits_target``, with ``firms_share`` and ``visits_share`` (0–100)
    of each target reached. Totals over the whole programme only.
    """
    summary = coverage_summary(program)
    return {
        "firms_assessed": summary["firms_assessed"],
        "firms_target": summary["firms_target"],
        "firms_share": share(summary["firms_assessed"], summary["firms_target"]),
        "visits_completed": summary["visits_completed"],
        "visits_target": summary["visits_target"],
        "visits_share": share(summary["visits_completed"], summary["visits_target"]),
    }
