"""Load for ``bench.national_bench``: anonymous readers request the public pages named in
``NATIONAL_BENCH_PATHS`` in turn, with no pause; each answer also counts as a "hit" or
"miss" entry of its own after the ``X-Public-Cache`` header."""

import itertools
import os

from locust import HttpUser, constant, task


class PublicReader(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.paths = itertools.cycle(os.environ["NATIONAL_BENCH_PATHS"].split())

    @task
    def read_page(self):
        path = next(self.paths)
        with self.client.get(path, name=path, catch_response=True,
                             allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            state = response.headers.get("X-Public-Cache", "none")
        self.environment.events.request.fire(
            request_type="CACHE", name=state, response_time=0, response_length=0,
            exception=None, context={})
