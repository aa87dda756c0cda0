"""The sitemap lists the live public pages of every language tree of the site."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PublicSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        within = Q()
        for root in roots:
            within |= Q(path__startswith=root.path)
        return (Page.objects.live().public().filter(within).order_by("path")
                .defer_streamfields().specific())
