"""The sources catalogue loads idempotently and refuses what it cannot stand behind."""

import pytest

from sources import services
from sources.datafiles import DataFileInvalid, valid_locator
from sources.models import Source

pytestmark = pytest.mark.django_db


def test_catalogue_loads_every_document_once():
    first = services.load()
    second = services.load()
    assert first.created == Source.objects.count() > 20
    assert (second.created, second.updated) == (0, 0)
    assert Source.objects.filter(is_portal_document=True).count() == 5


def test_an_untitled_document_says_where_it_is_cited_and_invents_no_title():
    services.load()
    hertfordshire = Source.objects.get(key="hertfordshire-family-safeguarding-evaluation")
    assert hertfordshire.title == ""
    assert hertfordshire.display_title == (
        "The evaluation of Family Safeguarding in Hertfordshire: untitled "
        "(as cited in Models of Social Work Practice)"
    )


def test_the_portal_documents_have_their_own_titles_and_dated_as_precisely_as_they_are():
    services.load()
    minutes = Source.objects.get(key="seslip-reference-group-2020")
    report = Source.objects.get(key="seslip-models-of-social-work-practice-2020")
    assert str(minutes.published) == "19 February 2020"
    assert str(report.published) == "2020"
    assert report.title == "Models of Social Work Practice"
    assert report.cites.filter(key="hertfordshire-family-safeguarding-evaluation").exists()


def test_independence_follows_who_produced_the_document():
    services.load()
    assert (
        Source.objects.get(key="you-cant-grow-roses-in-concrete-part-2").independent_of_model_owner
        is False
    )
    assert (
        Source.objects.get(
            key="brighton-hove-empathy-tenacity-compassion-2017"
        ).independent_of_model_owner
        is False
    )
    assert Source.objects.get(key="ofsted-hampshire-ilacs-2019").independent_of_model_owner is True
    # Nobody is named as producer: unknown stays unknown.
    assert (
        Source.objects.get(
            key="tri-borough-focus-on-practice-evaluation"
        ).independent_of_model_owner
        is None
    )


def _write(tmp_path, text):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_date_finer_than_its_precision_fails_with_file_line_and_field(tmp_path):
    path = _write(
        tmp_path,
        '[[source]]\nkey = "a"\ntitle = "A"\nkind = "survey"\nproducer = "P"\n'
        'date = "2018-01-01"\ndate_precision = "year"\n',
    )
    with pytest.raises(DataFileInvalid) as caught:
        services.load(path=path)
    assert [str(e) for e in caught.value.errors] == [
        "sources.toml, line 6, field 'date': '2018-01-01' is written to the day, finer than "
        "its precision (year); write it as the source does"
    ]
    assert not Source.objects.exists()


def test_an_untitled_document_without_its_citing_document_fails(tmp_path):
    path = _write(
        tmp_path,
        '[[source]]\nkey = "a"\ntitle = "A"\nkind = "survey"\nproducer = "P"\n\n'
        '[[source]]\nkey = "b"\nkind = "survey"\nproducer = "P"\ncited_in = "nowhere"\n',
    )
    with pytest.raises(DataFileInvalid) as caught:
        services.load(path=path)
    lines = {(e.line, e.field) for e in caught.value.errors}
    assert lines == {(11, "cited_in")}


@pytest.mark.parametrize(
    "locator",
    ["§1.2.1", "§2.3.1–§2.3.8", "pp 9–10", "p12", "¶13", "overview §1.5", "minutes §4",
     "slide \"Our Story: July 2016\"", "§2.3.14; slide 'Some findings (1)'", "§1.3, §1.4"],
)  # fmt: skip
def test_locators_as_documents_number_themselves(locator):
    assert valid_locator(locator)


@pytest.mark.parametrize("locator", ["", "Seed 001 §2", "somewhere", "§", "page twelve"])
def test_locators_that_name_no_place_are_refused(locator):
    assert not valid_locator(locator)
