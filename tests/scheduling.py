"""How ``--dist loadfile`` shares the suite between the workers: file by file, except
that every browser test (tests/browser/) is one unit, sent first.

A browser test keeps its worker only partly busy: Chromium does much of the work in its
own processes, and the test waits on it and on the live server. Under plain ``loadfile``
the workers took browser files side by side (xdist sends the files with the most tests
first) and the cores idled between pages. As one unit the browser tests run on one worker,
one after the other, while the others run the rest, whose tests keep a core busy each; all
share the last files. On 2 cores with three workers (``make test`` on SQLite) the browser
unit took 112 s and the other two workers finished beside it: 136 s for the suite and 1.95
cores busy, against 145-160 s and 1.7 cores with two workers as before. With two workers
the one unit gains nothing (160 s): the browser tests in a row are then the longest path.

A file stays within one worker either way, so module-scoped rows are built once per file,
and Chromium and the live server start on one worker only.
"""

import pytest

BROWSER = "tests/browser/"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BrowserTestsFirst(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path = super()._split_scope(nodeid)
            return BROWSER if path.startswith(BROWSER) else path

        def _assign_work_unit(self, node):
            if BROWSER in self.workqueue:
                self.workqueue.move_to_end(BROWSER, last=False)
            super()._assign_work_unit(node)

    return BrowserTestsFirst(config, log)
