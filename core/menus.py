"""Admin menu items whose visibility costs a query: asked once per request.

Wagtail asks a menu item ``is_shown`` more than once for one page (the reports submenu
asks each item to decide whether the submenu itself is shown, then again to draw it), so an
item that reads the database would repeat its queries. An item built on
:class:`QueriedMenuItem` answers from ``shown_for`` once and keeps the answer on the
request.
"""

from wagtail.admin.menu import MenuItem


class QueriedMenuItem(MenuItem):
    def shown_for(self, request):
        """Whether the item is shown; Wagtail's own rule unless a subclass reads more."""
        return super().is_shown(request)

    def is_shown(self, request):
        answers = request.__dict__.setdefault("_menu_items_shown", {})
        key = (type(self), self.name)
        if key not in answers:
            answers[key] = self.shown_for(request)
        return answers[key]
