"""Who produced a document decides whether the library counts it as independent.

The rule (docs/evidence-scale.md, "Independence"): a document is independent only when the
text shows it was produced by someone other than the model's owner or provider and the
authority using the model: an evaluator writing about the authority from outside, a
systematic reviewer, or an inspectorate. Everything else (an authority's own report or
data, a report compiled by the authority's own working group, an internal committee paper,
the provider's report on its own programme, a regional group collating authorities'
answers, a programme's learning summary relaying projects' own figures, and a document
whose producer the sources do not name) is kept and shown but counted as not independent:
`Evaluation.kind` is then "self_reported", which the search filter, the evidence map's
"independent" counts, the exports and the strength rules all read.

Each evaluation in evidence/data/evidence.toml names its `producer`; the loader refuses a
file whose `kind` disagrees with its producer, so a rating cannot drift from the rule.
"""

from dataclasses import dataclass

SELF_REPORTED = "self_reported"
INDEPENDENT_KINDS = frozenset({"independent", "interim", "inspection", "review"})


@dataclass(frozen=True)
class Producer:
    key: str
    description: str
    independent: bool


PRODUCERS: dict[str, Producer] = {
    producer.key: producer
    for producer in (
        Producer("independent_evaluator", "evaluators independent of the authority", True),
        Producer("systematic_reviewer", "a systematic review by an independent centre", True),
        Producer("inspectorate", "an inspectorate (Ofsted)", True),
        Producer("authority", "the authority itself (its own report, data or surveys)", False),
        Producer("authority_working_group", "the authority's own working group", False),
        Producer("committee_paper", "an internal committee paper of an authority", False),
        Producer("provider", "the model's provider, about its own programme", False),
        Producer("regional_group", "a regional group collating authorities' answers", False),
        Producer(
            "learning_summary", "a programme learning summary relaying projects' figures", False
        ),
        Producer("not_stated", "not named by the documents that cite it", False),
    )
}


def is_independent(producer: str) -> bool:
    """True only for the producers the rule counts as independent; unknown keys are not."""
    entry = PRODUCERS.get(producer)
    return bool(entry and entry.independent)


def kind_problem(*, producer: str, kind: str) -> str | None:
    """Why an evaluation's kind disagrees with who produced it, or None when it agrees."""
    if producer not in PRODUCERS:
        return f"producer {producer!r} is not one of: {', '.join(sorted(PRODUCERS))}"
    if is_independent(producer) and kind not in INDEPENDENT_KINDS:
        return (
            f"kind {kind!r}: a document produced by {PRODUCERS[producer].description} is "
            f"independent, so its kind is one of {', '.join(sorted(INDEPENDENT_KINDS))}"
        )
    if not is_independent(producer) and kind != SELF_REPORTED:
        return (
            f"kind {kind!r}: a document produced by {PRODUCERS[producer].description} is not "
            f"independent, so its kind is {SELF_REPORTED!r} (and it is not rated)"
        )
    return None
