from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence library"
    region_loader = "evidence.region_data.load"

    def ready(self) -> None:
        from evidence import selectors
        from models_registry import summaries
        from seslip import public_data

        public_data.watch(self)
        summaries.provide_evidence(
            summaries.EvidenceSummaries(
                for_model=selectors.evidence_summary_for_model,
                for_authority=selectors.evidence_summary_for_authority,
                counts_for_models=selectors.evidence_counts_for_models,
            )
        )
