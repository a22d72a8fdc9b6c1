"""The abbreviations the portal's figures use, spelt out once (issue 23): the glossary
page lists them and the `abbreviations` template filter marks them up where they appear.
Definitions follow the Family Safeguarding KPI Definitions Toolkit's usage."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    abbreviation: str
    expansion: str
    meaning: str


GLOSSARY = [
    Term(
        "CIN",
        "child in need",
        "A child the local authority supports because their health or development would "
        "suffer without its services (section 17 of the Children Act 1989).",
    ),
    Term(
        "CLA",
        "children looked after",
        "Children in the care of the local authority. The toolkit leaves unaccompanied "
        "asylum-seeking children out of its CLA indicators.",
    ),
    Term(
        "FS",
        "Family Safeguarding",
        "The whole-system practice model in which social workers and adult specialists "
        "(domestic abuse, mental health, substance misuse) work in one team with the family.",
    ),
    Term(
        "MARAC",
        "multi-agency risk assessment conference",
        "A regular meeting of police, health, children's services and domestic abuse "
        "services about the victims of domestic abuse at highest risk.",
    ),
    Term(
        "TOPS",
        "Treatment Outcomes Profile scores",
        "The scores substance misuse services record at the start of treatment and at "
        "reviews: drug and alcohol use, health and social functioning.",
    ),
    Term(
        "UASC",
        "unaccompanied asylum-seeking children",
        "Children seeking asylum in the UK without a parent or carer.",
    ),
]

BY_ABBREVIATION = {term.abbreviation: term for term in GLOSSARY}
