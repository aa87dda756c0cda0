"""Template helpers of the public site: figures in the page's language, the language
switch, the section menu."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext
from wagtail.models import Site

from cms.models.zones import zones_page_for
from core.formats import in_reader_script

register = template.Library()


@register.filter
def figure(value, decimals=0):
    """A number as the page's language writes it: ``3.751`` in Turkish, ``3,751`` in
    English, ``۳٬۷۵۱`` in Persian; decimals only where the value has them (up to
    ``decimals``)."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value))
    places = int(decimals)
    if places and number != number.to_integral_value():
        return in_reader_script(formats.number_format(number, places, use_l10n=True,
                                                      force_grouping=True))
    return in_reader_script(formats.number_format(round(number), 0, use_l10n=True,
                                                  force_grouping=True))


@register.filter
def percent(value):
    """``%62`` in Turkish, ``62%`` in English, ``۶۲٪`` in Persian."""
    if value is None or value == "":
        return "–"
    return in_reader_script(gettext("%(value)d%%") % {"value": round(value)})


@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page in every other language: ``[(code, local name, url)]``.

    A page's sub-route (an action's page, a filtered list) carries over, so the switch
    leads to the same thing, not to the top of the other tree."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    if page is not None and getattr(page, "pk", None):
        suffix = ""
        page_url = page.get_url(request)
        if request is not None and page_url and request.path.startswith(page_url):
            suffix = request.path[len(page_url):]
        query = f"?{request.GET.urlencode()}" if request is not None and request.GET else ""
        for translation_page in page.get_translations().live().select_related("locale"):
            code = translation_page.locale.language_code
            links.append((code, translation.get_language_info(code)["name_local"],
                          f"{translation_page.get_url(request)}{suffix}{query}"))
        return links
    if request is not None:
        for code, _name in settings.LANGUAGES:
            if code == current:
                continue
            path = request.get_full_path()
            prefix = f"/{current}/"
            url = f"/{code}/{path[len(prefix):]}" if path.startswith(prefix) else f"/{code}/"
            links.append((code, translation.get_language_info(code)["name_local"], url))
    return links


@register.simple_tag(takes_context=True)
def public_home(context):
    """The home page of the language being read: the page's own, or the site's."""
    page = context.get("page")
    home = getattr(page, "home", None)
    if home is not None:
        return home
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    return site.root_page.localized.specific


@register.simple_tag
def zones_page(program, language=None):
    """The programme's zones page in the language being read, where a zone's page is."""
    if program is None:
        return None
    return zones_page_for(program, language or translation.get_language())


@register.simple_tag
def menu_pages(home):
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu())


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0
