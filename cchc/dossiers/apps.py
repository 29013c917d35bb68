from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "cchc.dossiers"
    label = "dossiers"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks of the CCHC_* settings)
