"""What the evidence library says about a practice model or an authority, for the
registry's pages, through a seat the registry owns.

The registry sits below the evidence library (docs/architecture.md, "Layers") and may not
import it; the evidence library fills this seat when Django starts (EvidenceConfig.ready),
and the registry's pages show its summaries when it is there.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from models_registry.models import LocalAuthority, PracticeModel


@dataclass(frozen=True)
class EvidenceSummaries:
    #: Counts by strength and the strongest findings about a practice model.
    for_model: Callable[[PracticeModel], Any]
    #: The same about an authority.
    for_authority: Callable[[LocalAuthority], Any]
    #: {practice model id: count} where a count has `.count` and `.strongest_label`.
    counts_for_models: Callable[[Sequence[PracticeModel]], dict[int, Any]]


_provided: list[EvidenceSummaries] = []


def provide_evidence(summaries: EvidenceSummaries) -> None:
    _provided[:] = [summaries]


def evidence() -> EvidenceSummaries | None:
    return _provided[0] if _provided else None
