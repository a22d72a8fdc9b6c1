from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Reference group and events"
    region_loader = "network.region_data.load"

    def ready(self) -> None:
        from network import page_sections
        from seslip import public_data

        # Anonymous pages show the group's events: the response cache drops them on a change.
        public_data.watch(self)
        page_sections.register()
