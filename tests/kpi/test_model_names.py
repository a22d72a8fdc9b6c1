"""Names the admin and history pages show (issue 23): "Families", not "Familys"."""

from kpi.models import Family, Person


def test_families_and_people_have_their_english_plurals():
    assert Family._meta.verbose_name_plural == "families"
    assert Person._meta.verbose_name_plural == "people"
