from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "cchc.units"
    label = "units"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
