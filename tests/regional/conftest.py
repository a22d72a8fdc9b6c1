import pytest


@pytest.fixture
def second_admin(db):
    from tests.factories import UserFactory

    return UserFactory(email="second.admin@example.org", role="regional_admin")


@pytest.fixture
def source(db):
    from tests.factories import SourceFactory

    return SourceFactory(key="seslip-report", title="Models of Social Work Practice")
