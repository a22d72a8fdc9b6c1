import pytest
from django.template import Context, Template
from django.test import RequestFactory

from seslip.components import _template, macro_name
from tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db


def test_components_compile_once_and_are_reused_across_requests(client, settings):
    # Render twice: the second request must not be answered from the response cache.
    settings.RESPONSE_CACHE = {**settings.RESPONSE_CACHE, "ENABLED": False}
    client.get("/accessibility/")
    before = _template.cache_info()
    client.get("/accessibility/")
    after = _template.cache_info()
    assert after.misses == before.misses
    assert after.hits > before.hits


def test_components_still_render_escaped(client):
    body = client.get("/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in body


def test_a_component_escapes_what_it_is_given():
    html = Template('{% load govuk %}{% govuk_component "inset-text" text=words %}').render(
        Context({"words": "<script>alert(1)</script>"})
    )
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_macro_names_follow_govuk_frontend():
    assert macro_name("warning-text") == "govukWarningText"
    assert macro_name("error-summary") == "govukErrorSummary"


def _page_links(page_number: int, query: str) -> str:
    from django.core.paginator import Paginator

    request = RequestFactory().get(f"/models/?{query}")
    page = Paginator(range(100), 10).get_page(page_number)
    return Template('{% load govuk %}{% govuk_pagination page label="Model pages" %}').render(
        Context({"page": page, "request": request})
    )


def test_pagination_keeps_the_query_and_marks_the_current_page():
    html = _page_links(3, "kind=bespoke&page=3")
    assert 'aria-label="Model pages"' in html
    assert 'href="?kind=bespoke&amp;page=2" rel="prev"' in html
    assert 'href="?kind=bespoke&amp;page=4" rel="next"' in html
    assert 'href="?kind=bespoke&amp;page=3" aria-label="Page 3" aria-current="page"' in html
    assert "govuk-pagination__item--ellipsis" in html  # 1 2 3 4 5 … 10


def test_one_page_needs_no_pagination():
    from django.core.paginator import Paginator

    page = Paginator(range(5), 10).get_page(1)
    html = Template("{% load govuk %}{% govuk_pagination page %}").render(Context({"page": page}))
    assert html == ""


def test_a_refused_filter_field_says_so_to_assistive_technology():
    from models_registry.filters import LocalAuthorityFilter

    LocalAuthorityFactory()
    form = LocalAuthorityFilter({"model": "no-such-model"}).form
    assert not form.is_valid()
    html = Template("{% load govuk %}{% govuk_field form.model %}").render(Context({"form": form}))
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_model-error"' in html
    assert 'id="id_model-error"' in html


def test_breadcrumbs_take_url_names_or_addresses():
    html = Template(
        '{% load govuk %}{% govuk_breadcrumbs "kpi:home" "Family Safeguarding KPIs" '
        'here "Submission 4" %}'
    ).render(Context({"here": "/kpi/submissions/4/"}))
    assert 'href="/kpi/"' in html and "Family Safeguarding KPIs" in html
    assert 'href="/kpi/submissions/4/"' in html and "Submission 4" in html
