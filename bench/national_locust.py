"""Load for ``bench.national_bench``: anonymous readers request the public pages named in
``NATIONAL_BENCH_PAGES`` (JSON: ``[programme, host, path]`` each) in turn, with no pause;
each answer also counts as a "<programme> hit" or "<programme> miss" entry of its own
after the ``X-Public-Cache`` header."""

import itertools
import json
import os

from locust import HttpUser, constant, task


class PublicReader(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.pages = itertools.cycle(json.loads(os.environ["NATIONAL_BENCH_PAGES"]))

    @task
    def read_page(self):
        programme, host, path = next(self.pages)
        with self.client.get(path, name=f"{programme} {path}", headers={"Host": host},
                             catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            state = response.headers.get("X-Public-Cache", "none")
        self.environment.events.request.fire(
            request_type="CACHE", name=f"{programme} {state}", response_time=0,
            response_length=0, exception=None, context={})
