from django.apps import AppConfig


class ModelsRegistryConfig(AppConfig):
    name = "models_registry"
    verbose_name = "Practice-model registry"
    region_loader = "models_registry.region_data.load"

    def ready(self) -> None:
        from seslip import public_data

        public_data.watch(self)
