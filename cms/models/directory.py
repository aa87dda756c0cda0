"""The public capability directory: a buyer searches the firms that consented to be
listed and sends the programme office an enquiry.

Everything about firms comes from ``directory.public``. Search result pages are cached
for anonymous readers like every public page (the query is part of the cache key); the
enquiry form and its thank-you page are never cached, since the form carries the
visitor's own CSRF token and a signed time stamp of when it was shown.
"""

from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.cache import invalidate_public_pages
from cms.models.pages import RoutablePublicPage
from directory.public import (
    EnquiryForm,
    enquiry_refused_for_rate,
    listed_entry,
    search_directory,
    submit_enquiry,
)

QUERY_MAX_LENGTH = 200
# Routes that answer each visitor with a page of their own.
UNCACHED_ROUTES = ("enquiry", "enquiry_thanks")


class DirectoryPage(RoutablePublicPage):
    """Search box and result cards of listed firms; ``enquiry/`` is the enquiry form
    (``?firm=<listing>`` addresses it to one firm), ``enquiry/thanks/`` its answer."""

    template = "cms/directory_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("capability directory page")

    def serve(self, request, *args, **kwargs):
        match = getattr(request, "routable_resolver_match", None)
        if match is not None and match.url_name in UNCACHED_ROUTES:
            response = RoutablePageMixin.serve(self, request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        return super().serve(request, *args, **kwargs)

    @path("", name="search")
    def search(self, request):
        query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
        results = search_directory(self.program, query) if self.program else None
        return self.render(request, context_overrides={"query": query, "results": results})

    @path("enquiry/", name="enquiry")
    def enquiry(self, request):
        if self.program is None:
            raise Http404(gettext("This directory is not open yet."))
        firm = self._firm(request.GET.get("firm") or request.POST.get("listing"))
        status = 200
        if request.method == "POST":
            if enquiry_refused_for_rate(request):
                form, status = EnquiryForm(request.POST), 429
                form.add_error(None, gettext(
                    "You have sent several enquiries in the last hour. Please wait an hour "
                    "before sending another one, or write to the programme office."))
            else:
                form = EnquiryForm(request.POST)
                if form.is_honeypot or form.is_valid():
                    submit_enquiry(request, form, self.program)
                    return redirect(self.url + self.reverse_subpage("enquiry_thanks"))
        else:
            form = EnquiryForm(initial={"listing": firm.listing_id if firm else None})
        response = self.render(request, template="cms/directory_enquiry.html",
                               context_overrides={"form": form, "firm": firm})
        response.status_code = status
        return response

    @path("enquiry/thanks/", name="enquiry_thanks")
    def enquiry_thanks(self, request):
        return self.render(request, template="cms/directory_thanks.html")

    @staticmethod
    def _firm(value):
        value = (value or "").strip()
        return listed_entry(int(value)) if value.isdigit() and len(value) < 12 else None


# Withdrawing a consent takes the firm off every cached page at once.
post_save.connect(invalidate_public_pages, sender="directory.Listing",
                  dispatch_uid="cms-cache-save-directory.Listing")
post_delete.connect(invalidate_public_pages, sender="directory.Listing",
                    dispatch_uid="cms-cache-delete-directory.Listing")
