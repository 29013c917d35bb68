from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "cchc.exchange"
    label = "exchange"
