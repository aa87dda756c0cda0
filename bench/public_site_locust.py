"""Load for ``bench.public_site_bench``: each simulated reader requests one public page
(``PUBLIC_BENCH_PATH``) again and again, with no pause, as an anonymous visitor."""

import os

from locust import HttpUser, constant, task


class PublicReader(HttpUser):
    wait_time = constant(0)

    @task
    def read_page(self):
        with self.client.get(os.environ["PUBLIC_BENCH_PATH"], catch_response=True,
                             allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
