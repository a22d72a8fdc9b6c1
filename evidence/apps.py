from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence library"
    region_loader = "evidence.region_data.load"

    def ready(self) -> None:
        from django.urls import reverse

        from evidence import selectors
        from evidence.models import OutcomeDomain
        from models_registry import revertible, summaries
        from seslip import public_data

        public_data.watch(self)
        # Kept by the regional team beside the registry's lists: their changes are in the
        # registry's daily digest and can be reverted; the evidence map shows them.
        revertible.allow_reverting(OutcomeDomain, page=lambda record: reverse("evidence:map"))
        summaries.provide_evidence(
            summaries.EvidenceSummaries(
                for_model=selectors.evidence_summary_for_model,
                for_authority=selectors.evidence_summary_for_authority,
                counts_for_models=selectors.evidence_counts_for_models,
            )
        )
