"""Locust users for ``bench.field_load_bench``: field agents on a lossy network.

Each user logs in once as its own agent, then works through its visits: opens the
visit, opens the questionnaire, saves a draft, submits it as JSON under one UUID. One
response in five (``BENCH_DROP_RATE``) is "lost": the client ignores it and sends the
very same request again, as the field app does after a timeout. A resend must be
answered as the first request was (a saved draft, or the stored submission flagged as
a duplicate); anything else counts as an error.

The site runs with production settings behind what it takes for an HTTPS proxy
(``X-Forwarded-Proto: https``), so its cookies are marked secure; the client keeps them
itself and sends them on every request.
"""

import itertools
import json
import os
import random
import uuid

from locust import HttpUser, task
from locust.exception import StopUser

PLAN = json.loads(open(os.environ["BENCH_PLAN"], encoding="utf-8").read())
DROP_RATE = float(os.environ.get("BENCH_DROP_RATE", "0.2"))
ORIGIN = os.environ["BENCH_ORIGIN"]
_next_agent = itertools.count()

ANSWERS = {
    **{f"maturity_{d}": "3" for d in ("productivity", "digitalisation", "green", "rnd",
                                      "institutionalisation", "export_readiness",
                                      "clustering")},
    "capacity_utilisation": "72", "export_share": "30", "obstacles": ["finance", "staff"],
    "main_obstacle": "finance", "notes": "Fuar desteği istiyor.",
}


class FieldAgent(HttpUser):
    wait_time = staticmethod(lambda: random.uniform(0.2, 0.8))

    def on_start(self):
        agent = PLAN["agents"][next(_next_agent) % len(PLAN["agents"])]
        self.visits = list(agent["visits"])
        self.jar = {}
        self.rng = random.Random(agent["username"])
        self.request("GET", "/field/login/", "login form", expect=(200,))
        self.request("POST", "/field/login/", "login", expect=(302,), resend=False,
                     data={"username": agent["username"], "password": PLAN["password"]})
        if "sessionid" not in self.jar:
            raise StopUser

    def request(self, method, path, name, *, expect, resend=True, check=None, **kwargs):
        """Send; with probability DROP_RATE throw the answer away and send again.
        ``check(response)`` returns what is wrong with an answer of an expected status."""
        while True:
            headers = {"X-Forwarded-Proto": "https", "Origin": ORIGIN,
                       "Referer": ORIGIN + path,
                       "Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items())}
            if "csrftoken" in self.jar:
                headers["X-CSRFToken"] = self.jar["csrftoken"]
            with self.client.request(method, path, name=name, headers=headers,
                                     allow_redirects=False, catch_response=True,
                                     **kwargs) as response:
                for cookie in response.cookies:
                    self.jar[cookie.name] = cookie.value
                problem = None
                if response.status_code not in expect:
                    problem = f"{response.status_code} on {name}: {response.text[:200]}"
                elif check is not None:
                    problem = check(response)
                if problem:
                    response.failure(problem)
                    return response
                response.success()
                if not resend or self.rng.random() >= DROP_RATE:
                    return response
                # The answer is "lost"; the same request goes out again.
                name = name if name.endswith(" (resent)") else f"{name} (resent)"

    @task
    def work_through_a_visit(self):
        if not self.visits:
            raise StopUser
        visit = self.visits.pop(0)
        self.request("GET", f"/field/visits/{visit}/", "open visit", expect=(200,))
        self.request("GET", f"/field/visits/{visit}/form/", "open questionnaire",
                     expect=(200,))
        draft = {code: value for code, value in ANSWERS.items()
                 if code.startswith("maturity_")}
        self.request("POST", f"/field/visits/{visit}/form/", "save draft", expect=(302,),
                     data={**draft, "action": "draft"})
        body = json.dumps({"submission_uuid": str(uuid.uuid4()), "answers": ANSWERS})
        self.request("POST", f"/field/visits/{visit}/submit.json", "submit", expect=(200,),
                     data=body, check=_stored)


def _stored(response):
    answer = response.json()
    return None if answer.get("status") == "submitted" else f"not stored: {answer}"
