from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "cchc.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the checks)
