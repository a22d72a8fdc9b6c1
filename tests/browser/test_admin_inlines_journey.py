"""The admin's change pages with inline rows, in real Chromium, checked by axe.

A tabular inline gives its inputs a column header but no label, which axe reports as a
critical "label" violation; every inline in the portal is stacked for that reason. These
pages are visited with rows present, since an inline with no rows shows no inputs.
"""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible
from tests.browser.test_network_journeys import group_and_events, sign_in  # noqa: F401

SUPERUSER = "root@example.org"

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_sites_change_pages_with_inline_rows_are_accessible(
    page: Page,
    live_server,
    group_and_events,  # noqa: F811
):
    from evidence.region_data import load as load_evidence
    from models_registry.models import Adoption, LocalAuthority
    from models_registry.region_data import load as load_registry
    from network.models import FeedbackForm, FeedbackQuestion, Meeting
    from tests.factories import UserFactory

    load_registry()
    load_evidence()
    form = FeedbackForm.objects.create(title="Learning day feedback", event=group_and_events)
    FeedbackQuestion.objects.create(form=form, position=1, text="What did you take away?")
    authority = LocalAuthority.objects.get(slug="surrey")
    adoption = Adoption.objects.filter(local_authority=authority).first()
    meeting = Meeting.objects.first()
    assert adoption.citations.exists() and meeting.attendance.exists()

    # The admin site is the superuser's maintenance tool (issue 22).
    UserFactory(email=SUPERUSER, role="regional_admin", is_superuser=True)
    sign_in(page, live_server, SUPERUSER)
    for path in (
        f"/admin/models_registry/localauthority/{authority.pk}/change/",
        f"/admin/models_registry/adoption/{adoption.pk}/change/",
        f"/admin/network/meeting/{meeting.pk}/change/",
        f"/admin/network/feedbackform/{form.pk}/change/",
    ):
        page.goto(live_server.url + path)
        assert page.locator(".inline-group").count() >= 1, path
        assert_accessible(page)
