"""The five documents the portal was built from, as the evidence library names them."""

from django.db import models


class SourceDocument(models.TextChoices):
    """The five documents every evaluation and finding is read from, by their titles. The
    stored values are the documents' keys in the sources catalogue (sources/data/sources.toml)."""

    REFERENCE_GROUP = (
        "seslip-reference-group-2020",
        "SESLIP Models of Social Work Practice Reference Group meeting, 19 February 2020, "
        "with its overview of the Autumn 2019 call for evidence",
    )
    SESLIP_REPORT = (
        "seslip-models-of-social-work-practice-2020",
        "SESLIP, 'Models of Social Work Practice' (2020)",
    )
    LEARNING_SUMMARY = (
        "innovation-programme-learning-summary-3",
        "Spring Consortium, 'Learning Summary #3: Implementing systemic models of social "
        "work' (undated)",
    )
    CITY_OF_LONDON = (
        "city-of-london-social-work-model-2017",
        "City of London, 'Social Work Model in the City' (27 September 2017)",
    )
    BRIGHTON_SLIDES = (
        "brighton-hove-our-journey",
        "'Brighton & Hove Children's Social Work: Our Journey' (undated slides)",
    )
