"""The live server serves one request at a time when it shares the test's SQLite database.

On SQLite the test database lives in memory, so pytest-django hands the test thread's one
connection to the live server; Django's threaded server then runs concurrent requests
(a phone's service worker refreshing its kept pages while the outbox posts a visit) on that
one connection, where one request's transaction swallows the other's queries and a failure
in either leaves the connection broken for every later test of the worker. Requests here
take a lock around the whole response, body included; PostgreSQL, where every thread has
its own connection, keeps Django's threaded server as it is. The same lock lets a
transactional test's teardown reset the database while no request is running
(``no_request_running``, tests/transactional_reset.py).
"""

import contextlib
import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import testcases

# One lock for every server of the worker (pytest-django starts one per session).
_one_request = threading.Lock()


class SharedConnectionServer(ThreadedWSGIServer):
    """Django's test server; with a shared connection, requests run one after another."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, connections_override=connections_override, **kwargs)
        self.serialise = bool(connections_override)
        self.lock = _one_request

    def set_app(self, application):
        if not self.serialise:
            return super().set_app(application)

        def one_at_a_time(environ, start_response):
            with self.lock:
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()

        return super().set_app(one_at_a_time)


@contextlib.contextmanager
def no_request_running(timeout=30):
    """Wait (at most ``timeout`` seconds) until no live-server request is running, and
    keep new ones waiting until the block ends."""
    acquired = _one_request.acquire(timeout=timeout)
    try:
        yield
    finally:
        if acquired:
            _one_request.release()


def install():
    testcases.LiveServerThread.server_class = SharedConnectionServer
