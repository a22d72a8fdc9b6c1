"""The demonstration data `make run` loads, as an anonymous visitor gets it: no figure, and
no sum or difference of figures, gives away a number resting on 1 to 4 people (issue 16
found 17 rates such as 4 out of 5 shown there, and event totals of 2 and 3)."""

import zlib

import pytest

from kpi.generator import CohortGenerator
from kpi.measures.records import RECORD_MEASURES
from kpi.models import Cohort
from kpi.quarters import Quarter
from kpi.services import loader as region_loader
from tests.kpi import reference_disclosure as reference
from tests.kpi import reference_indicators
from tests.kpi.builders import stored_cohort
from tests.kpi.services.test_indicator_values import as_codes

pytestmark = pytest.mark.django_db


def test_the_demonstration_data_gives_the_public_no_small_number(client, fs_bracknell, surrey):
    region_loader.load()
    checked = 0
    for authority in (fs_bracknell, surrey):
        windows = [
            (c.name, c.start, c.end)
            for c in Cohort.objects.filter(authority=authority).order_by("start")
        ]
        for text in region_loader.DEMO_QUARTERS:
            quarter = Quarter.parse(text)
            generator = CohortGenerator(
                authority_slug=authority.slug,
                quarter=quarter,
                families=region_loader.DEMO_FAMILIES,
                seed=zlib.crc32(authority.slug.encode()),
            )
            rows = [as_codes(row) for row in generator.rows()]
            amounts = reference_indicators.compute_amounts(
                rows, quarter.start, quarter.end, windows
            )
            people = {key: contributors for key, (_, contributors) in amounts.items()}
            api = client.get(
                "/api/v1/kpi/values/", {"la": authority.slug, "quarter": text, "page_size": 1000}
            ).json()["results"]
            shown = {(stored_cohort(r), r["measure"]) for r in api if not r["suppressed"]}
            hidden = {(stored_cohort(r), r["measure"]) for r in api} - shown
            for r in api:
                if not r["suppressed"]:
                    numerator = reference.quantity_of(reference.N(r["measure"]))
                    assert r["numerator"] == amounts[(stored_cohort(r), numerator)][0], r
            assert reference.must_hide(people, list(RECORD_MEASURES)) <= hidden
            assert reference.revealed(shown, people, list(RECORD_MEASURES)) == []
            checked += len(api)
    assert checked == 4 * len(RECORD_MEASURES) * 7  # 2 authorities, 2 quarters, 6 cohorts + all
