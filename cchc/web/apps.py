from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "cchc.web"
    label = "web"
    verbose_name = _("Staff site")

    def ready(self) -> None:
        from cchc.lib.vietnamese_names import translate_default_names

        # The names Django derives in English (fields without a verbose_name, apps without one), translated.
        translate_default_names()
