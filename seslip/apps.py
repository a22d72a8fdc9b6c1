from django.apps import AppConfig


class SeslipConfig(AppConfig):
    name = "seslip"
    verbose_name = "Portal frame"

    def ready(self) -> None:
        from seslip.govuk_components import share_one_environment

        share_one_environment()
