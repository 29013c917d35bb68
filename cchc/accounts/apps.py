from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cchc.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import checks, security  # noqa: F401  (registers the secret-key check and the log-in logger)
