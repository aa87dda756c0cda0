from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """The project's operational parts that are no app's domain: structured logs of
    requests and background tasks, health checks."""

    name = "config"
    label = "operations"
    verbose_name = "Operations"

    def ready(self):
        from config import logs  # noqa: F401  (connects the task log signals)
