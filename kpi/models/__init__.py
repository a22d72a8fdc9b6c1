"""Family Safeguarding KPI data, one module a kind of table:

- `toolkit`: the toolkit's field and indicator definitions, and each authority's cohorts;
- `submissions`: one uploaded cohort file for one authority and quarter;
- `records`: the record-level rows of a submission (families, people, referrals, plans,
  periods of care, quarterly measures);
- `values`: the indicator values the portal shows;
- `returns`: aggregate returns and their figures.

Record-level rows always belong to one Submission, so the indicators aggregate the rows of
*current* submissions in SQL: `Person.objects.filter(submission__in=Submission.objects
.current())`. Keys the authority gave (family, person, referral, plan and period keys) are
stored only as keyed hashes (docs/adr/0003-person-key-hashing.md).
"""

from kpi.models.records import (
    RECORD_LINKS,
    CPPlan,
    Family,
    PeriodOfCare,
    Person,
    PreviousCPPlan,
    QuarterMeasures,
    Referral,
)
from kpi.models.returns import AggregateFigure, AggregateReturn, AggregateReturnQuerySet
from kpi.models.submissions import Submission, SubmissionQuerySet
from kpi.models.toolkit import TOOLKIT_SOURCE, Cohort, FieldDefinition, IndicatorDefinition
from kpi.models.values import IndicatorValue

__all__ = [
    "RECORD_LINKS",
    "TOOLKIT_SOURCE",
    "AggregateFigure",
    "AggregateReturn",
    "AggregateReturnQuerySet",
    "CPPlan",
    "Cohort",
    "Family",
    "FieldDefinition",
    "IndicatorDefinition",
    "IndicatorValue",
    "PeriodOfCare",
    "Person",
    "PreviousCPPlan",
    "QuarterMeasures",
    "Referral",
    "Submission",
    "SubmissionQuerySet",
]
