from django.apps import AppConfig


class ModelsRegistryConfig(AppConfig):
    name = "models_registry"
    verbose_name = "Practice-model registry"
    region_loader = "models_registry.region_data.load"

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from models_registry.models import Adoption, Contact
        from models_registry.removals import keep_citations
        from seslip import public_data

        public_data.watch(self)
        # A removed adoption's or contact's citations, kept so a revert brings them back.
        for model in (Adoption, Contact):
            pre_delete.connect(keep_citations, sender=model, dispatch_uid=f"keep-{model}")
