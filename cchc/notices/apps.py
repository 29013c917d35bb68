from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class NoticesConfig(AppConfig):
    name = "cchc.notices"
    label = "notices"
    verbose_name = pgettext_lazy("notice", "Notices to applicants")

    def ready(self) -> None:
        from . import checks, receivers  # noqa: F401  (connects the signal receivers, registers the checks)
