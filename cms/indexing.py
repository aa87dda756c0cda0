"""Pages written in bulk are indexed once each, when the writing is done.

Every save of a page asks for two index updates: Wagtail's reference index (what links to
what, for the admin's usage counts) and the admin's full-text search index. Building one
page (created, a revision saved, published; then copied into English and Persian and
published again) saves it three to four times, and each save re-reads and rewrites both
indexes: on the demo's public site that was about three quarters of the time it took to
build. Inside ``pages_indexed_once()`` the saves only note which pages were written; when
the block ends, each noted page that still exists is indexed once, in its final state.

Outside the block nothing changes: a page saved by an editor is indexed on save as before.
The blocks nest (the outermost one indexes). Deferral is per thread, so a request served
by another thread while a block runs is indexed as usual.
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler as search_on_save
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

_state = threading.local()
_rewired = threading.Lock()
_rewired_models = set()


def _noted_pages():
    return getattr(_state, "pages", None)


def _search_on_save(sender, instance, **kwargs):
    """The search index's own receiver, except that a page saved inside a block is noted."""
    pages = _noted_pages()
    if pages is None or kwargs.get("raw", False):
        search_on_save(sender=sender, instance=instance, **kwargs)
    else:
        pages.add(instance.pk)


def _reference_on_save(sender, instance, **kwargs):
    """Notes a page saved inside a block (Wagtail's own receiver is off for the block)."""
    pages = _noted_pages()
    if pages is not None and not kwargs.get("raw", False):
        pages.add(instance.pk)


def _page_models():
    return [model for model in search_index.get_indexed_models() if issubclass(model, Page)]


def _rewire():
    """Once per process: the page models' search receiver goes through ``_search_on_save``
    (ours is connected before theirs is taken off, so a save in between is indexed twice,
    never missed)."""
    with _rewired:
        for model in _page_models():
            if model in _rewired_models:
                continue
            post_save.connect(_search_on_save, sender=model, weak=False,
                              dispatch_uid=f"cms-indexing-search-{model._meta.label}")
            post_save.connect(_reference_on_save, sender=model, weak=False,
                              dispatch_uid=f"cms-indexing-reference-{model._meta.label}")
            post_save.disconnect(search_on_save, sender=model)
            _rewired_models.add(model)


@contextmanager
def pages_indexed_once():
    """Within the block, pages saved in this thread are indexed once each at its end."""
    if _noted_pages() is not None:
        yield
        return
    _rewire()
    _state.pages = set()
    try:
        with disable_reference_index_auto_update():
            yield
        noted = _state.pages
    finally:
        _state.pages = None
    for page in Page.objects.filter(pk__in=noted).specific().iterator():
        search_index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)
