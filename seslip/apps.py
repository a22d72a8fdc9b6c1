from django.apps import AppConfig


class SeslipConfig(AppConfig):
    name = "seslip"
    verbose_name = "Portal frame"

    def ready(self) -> None:
        from seslip.govuk_components import share_one_environment
        from seslip.response_cache import connect_signals

        share_one_environment()
        connect_signals()
