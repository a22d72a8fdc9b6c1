"""seslip/templatetags/choice_options.py: the options the filter forms and the compare
page draw themselves, with the chosen ones marked."""

from django import forms

from seslip.templatetags.choice_options import choice_options

COLOURS = [("", "Any colour"), ("red", "Red"), ("blue", "Blue")]


class ColourForm(forms.Form):
    colour = forms.ChoiceField(choices=COLOURS, required=False)
    colours = forms.MultipleChoiceField(choices=COLOURS[1:], required=False)


def test_single_choice_marks_only_the_submitted_value():
    form = ColourForm({"colour": "blue"})
    assert choice_options(form["colour"]) == [
        ("", "Any colour", False),
        ("red", "Red", False),
        ("blue", "Blue", True),
    ]


def test_nothing_chosen_marks_nothing_not_even_the_empty_option():
    assert not any(selected for _, _, selected in choice_options(ColourForm({})["colour"]))


def test_multiple_choice_marks_every_submitted_value():
    form = ColourForm({"colours": ["red", "blue"]})
    assert choice_options(form["colours"]) == [("red", "Red", True), ("blue", "Blue", True)]


def test_unbound_form_marks_its_initial_value():
    form = ColourForm(initial={"colour": "red"})
    assert [selected for _, _, selected in choice_options(form["colour"])] == [False, True, False]


def test_compare_page_checks_the_chosen_models_and_only_them(client, db):
    from tests.factories import PracticeModelFactory

    for slug in ("alpha", "beta", "gamma"):
        PracticeModelFactory(slug=slug, name=slug.title())
    body = client.get("/compare/?models=alpha&models=gamma").content.decode()
    assert 'value="alpha" checked' in body
    assert 'value="gamma" checked' in body
    assert 'value="beta">' in body
    assert 'id="id_models"' in body and 'for="id_models_1"' in body
