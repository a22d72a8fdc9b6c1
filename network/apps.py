from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Reference group and events"
    region_loader = "network.region_data.load"

    def ready(self):
        from network import page_sections

        page_sections.register()
