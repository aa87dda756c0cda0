"""Descriptions that let data portals and search engines find the downloads: schema.org
``Dataset`` JSON-LD on the statistics and indicators pages, and a DCAT catalogue
(JSON-LD) of every public programme's downloads (``/api/v1/catalogue``)."""

import json

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


def downloads(page, request, kind, absolute=False):
    """``[(format, media type, url)]`` of a statistics (``kind="statistics"``) or
    indicators page: its CSV, the API's JSON, and for statistics the SDMX-CSV; paths on
    the site, or full addresses with ``absolute`` (for portals)."""
    slug = page.program.slug
    result = [("CSV", "text/csv", page.get_url(request) + "csv/"),
              ("JSON", "application/json",
               reverse(f"public_api:{kind}", args=[slug])
               + f"?lang={page.locale.language_code}")]
    if kind == "statistics":
        result.append(("SDMX-CSV", "application/vnd.sdmx.data+csv",
                       reverse("public_api:statistics_sdmx", args=[slug])))
    if absolute:
        result = [(name, media, _absolute(request, url)) for name, media, url in result]
    return result


def dataset(page, request, kind):
    """A schema.org ``Dataset`` describing ``page``'s figures and their downloads."""
    program = page.program
    description = (gettext("Field-study statistics under disclosure control: cells resting "
                           "on fewer than five firms or dominated by one or two firms are "
                           "hidden.") if kind == "statistics" else
                   gettext("Programme indicators: baselines, yearly targets and the actual "
                           "values of locked reporting periods."))
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{page.title} — {program.name}",
        "description": description,
        "url": _absolute(request, page.get_url(request)),
        "inLanguage": page.locale.language_code,
        "spatialCoverage": program.province,
        "dateModified": timezone.localdate().isoformat(),
        "isAccessibleForFree": True,
        "license": LICENSE,
        "creator": {"@type": "Organization", "name": program.name},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media, "name": name, "contentUrl": url}
            for name, media, url in downloads(page, request, kind, absolute=True)],
    }


def json_ld(data):
    """``data`` as the body of a ``<script type="application/ld+json">``, safe to inline."""
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e")  # noqa: S308
                     .replace("&", "\\u0026"))


def catalogue(request, pages):
    """A DCAT catalogue of ``pages`` (``[(page, "statistics" or "indicators")]``, the live
    statistics and indicators pages) and their downloads."""
    datasets = []
    for page, kind in pages:
        if page.program is None:
            continue
        described = dataset(page, request, kind)
        datasets.append({
            "@type": "dcat:Dataset",
            "dct:title": described["name"],
            "dct:description": described["description"],
            "dct:language": described["inLanguage"],
            "dct:spatial": described["spatialCoverage"],
            "dct:modified": described["dateModified"],
            "dct:license": LICENSE,
            "dcat:landingPage": described["url"],
            "dcat:distribution": [
                {"@type": "dcat:Distribution", "dct:format": name,
                 "dcat:mediaType": media, "dcat:downloadURL": url}
                for name, media, url in downloads(page, request, kind, absolute=True)],
        })
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"},
        "@type": "dcat:Catalog",
        "dct:title": "Export Transformation Tracker — open data",
        "dcat:dataset": datasets,
    }
