"""What the public site may show about clusters: counts of the national funnel, over
the programmes of one country and per province. No cluster names, no firms."""

from clusters.queries import funnel, funnel_by_program
from tracker.models import Program


def public_funnel(country):
    """``{"national": [FunnelRow, …], "provinces": [(province, [FunnelRow, …]), …]}``
    over the programmes of ``country`` (an ISO 3166-1 alpha-2 code); provinces with
    several programmes are added up. Provinces of another country are never added in."""
    programs = Program.objects.filter(country=country)
    by_program = funnel_by_program(programs)
    provinces = {}
    for program_id, province in programs.values_list("pk", "province"):
        rows = by_program.get(program_id, [])
        if province in provinces:
            rows = [row._replace(reached=row.reached + other.reached)
                    for row, other in zip(provinces[province], rows, strict=True)]
        provinces[province] = rows
    return {
        "national": funnel(programs),
        "provinces": sorted(provinces.items(), key=lambda item: item[0]),
    }
