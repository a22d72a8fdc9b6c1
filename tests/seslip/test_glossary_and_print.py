"""Abbreviations spelt out in <abbr> with a glossary page, and a print stylesheet
(issue 23, Browsing)."""

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template

from seslip.glossary import GLOSSARY

ABBREVIATIONS = {"CLA", "CIN", "UASC", "MARAC", "TOPS", "FS"}


def test_the_glossary_holds_every_abbreviation_the_issue_names():
    assert {term.abbreviation for term in GLOSSARY} == ABBREVIATIONS


@pytest.mark.django_db
def test_the_glossary_page_spells_each_out_and_the_footer_links_to_it(client):
    page = client.get("/glossary/").content.decode()

    for term in GLOSSARY:
        assert f'<abbr title="{term.expansion}">{term.abbreviation}</abbr>' in page
    assert 'href="/glossary/">Abbreviations</a>' in page


def test_the_filter_marks_up_whole_words_and_escapes_the_rest():
    rendered = Template("{{ text|abbreviations }}").render(
        Context({"text": "CLA at end <b>& CINDY, TOPS"})
    )

    assert rendered == (
        '<abbr title="children looked after">CLA</abbr> at end &lt;b&gt;&amp; CINDY, '
        '<abbr title="Treatment Outcomes Profile scores">TOPS</abbr>'
    )


def test_print_hides_navigation_and_form_controls_and_keeps_rows_whole():
    with open(finders.find("css/portal.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    # The portal's own print block (govuk-frontend has many small ones before it).
    print_rules = css[css.index("@media print{.govuk-header,") :]
    hidden = print_rules.split("{display:none")[0]

    for selector in (".govuk-header", ".govuk-footer", ".govuk-phase-banner", "form"):
        assert selector in hidden
    assert "tr,figure,svg{break-inside:avoid}" in print_rules
    assert "thead{display:table-header-group}" in print_rules
