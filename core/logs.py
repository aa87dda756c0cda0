"""Structured logs: one JSON object per line, so the logs of several web nodes and workers
can be joined on a request id, a task id, a user or a programme.

``RequestLogMiddleware`` writes one line per request (``event: "request"``) and
``log_task_finished`` one per background task (``event: "task"``). Code that knows the
programme a request or task is about says so with ``bind_log_context(programme=…)``;
every line written afterwards in the same request or task carries it.
"""

import contextvars
import json
import logging
import os
import re
import socket
import time
import uuid

from django.dispatch import receiver
from django_tasks.signals import task_enqueued, task_finished, task_started

_context = contextvars.ContextVar("log_context", default=None)
NODE = os.environ.get("TRACKER_NODE_NAME") or socket.gethostname()
# A request id from the proxy is kept when it looks like one (so the proxy's own log joins
# ours); anything else is replaced, so a client cannot inject text into the log.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
FIELDS = ("request_id", "task_id", "user_id", "programme", "method", "path", "status",
          "duration_ms", "task", "queue", "event")

request_logger = logging.getLogger("tracker.requests")
task_logger = logging.getLogger("tracker.tasks")


def bind_log_context(**values):
    """Add ``values`` (``programme=…``) to every log line of the current request or task."""
    current = _context.get()
    if current is not None:
        current.update(values)


def log_context():
    return dict(_context.get() or {})


class JsonFormatter(logging.Formatter):
    """A log record as one JSON line: time, level, logger, message, node, the request or
    task context and the record's own known fields; times in UTC."""

    converter = time.gmtime

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "node": NODE,
        }
        entry.update(log_context())
        for field in FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Gives every request an id (the proxy's ``X-Request-ID`` when well formed), echoes it
    in the response, and logs one line when the response is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request.id = offered if REQUEST_ID.match(offered) else uuid.uuid4().hex
        token = _context.set({"request_id": request.id})
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            user = getattr(request, "user", None)
            request_logger.info(
                "%s %s %s", request.method, request.path, response.status_code, extra={
                    **log_context(), "event": "request", "method": request.method,
                    "path": request.path, "status": response.status_code,
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
            return response
        finally:
            _context.reset(token)


_task_clock = {}


@receiver(task_enqueued)
def log_task_enqueued(sender, task_result, **kwargs):
    # The enqueuing request's id joins the request line to the task's line.
    task_logger.info("enqueued %s", task_result.task.module_path, extra={
        "event": "task_enqueued", "task_id": str(task_result.id),
        "task": task_result.task.module_path})


@receiver(task_started)
def start_task_context(sender, task_result, **kwargs):
    _task_clock[str(task_result.id)] = (time.perf_counter(), _context.set(
        {**log_context(), "task_id": str(task_result.id)}))


@receiver(task_finished)
def log_task_finished(sender, task_result, **kwargs):
    started, token = _task_clock.pop(str(task_result.id), (None, None))
    duration = round((time.perf_counter() - started) * 1000, 1) if started else None
    task_logger.info("%s %s", task_result.task.module_path, task_result.status, extra={
        **log_context(), "event": "task", "task_id": str(task_result.id),
        "task": task_result.task.module_path, "status": str(task_result.status),
        "duration_ms": duration})
    if token is not None:
        _context.reset(token)
