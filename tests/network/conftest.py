import pytest

from network import region_data
from tests.factories import LocalAuthorityFactory, PracticeModelFactory

# The registry rows the reference group's data names (registry slugs). Loading the whole
# registry takes seconds a test; test_loader.py checks the real command end to end once.
AUTHORITIES = {
    "bracknell-forest": "Bracknell Forest",
    "brighton-and-hove": "Brighton and Hove",
    "buckinghamshire": "Buckinghamshire",
    "east-sussex": "East Sussex",
    "hampshire": "Hampshire",
    "hertfordshire": "Hertfordshire",
    "isle-of-wight": "Isle of Wight",
    "kent": "Kent",
    "leeds": "Leeds",
    "milton-keynes": "Milton Keynes",
    "portsmouth": "Portsmouth",
    "southampton": "Southampton",
    "surrey": "Surrey",
    "windsor-and-maidenhead": "Windsor and Maidenhead",
    "wokingham": "Wokingham",
}
MODELS = {
    "family-safeguarding": "Family Safeguarding Model",
    "team-around-the-relationship": "The Team Around the Relationship",
    "connected-practice": "Connected Practice",
    "hampshire-approach": "The Hampshire Approach",
    "signs-of-safety": "Signs of Safety",
    "restorative-practice": "Restorative Practice",
    "family-valued": "Family Valued",
    "reclaiming-social-work": "Reclaiming Social Work",
}


@pytest.fixture
def registry_rows(db):
    for slug, name in AUTHORITIES.items():
        LocalAuthorityFactory(slug=slug, name=name)
    for slug, name in MODELS.items():
        PracticeModelFactory(slug=slug, name=name)


@pytest.fixture
def network_data(registry_rows):
    """The reference group's real data over the registry rows it names."""
    return region_data.load()


@pytest.fixture
def conference(network_data):
    from network.models import Event

    return Event.objects.get(slug="models-of-social-work-practice-conference-2020")


@pytest.fixture
def meeting(network_data):
    from network.models import Meeting

    return Meeting.objects.get(slug="2020-02-19")


@pytest.fixture
def open_event(registry_rows):
    """An event open for booking: 3 places an authority, two workshops of two runs each,
    two places in every run."""
    import datetime

    from network.models import Event, Session, WorkshopRun

    event = Event.objects.create(
        slug="learning-day-2027",
        title="Learning day",
        date=datetime.date(2027, 3, 4),
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(16, 0),
        status=Event.Status.OPEN,
        places_per_authority=3,
    )
    for position, slug in enumerate(("signs-of-safety", "family-safeguarding"), start=1):
        session = Session.objects.create(
            event=event,
            slug=f"workshop-{slug}",
            kind=Session.Kind.WORKSHOP,
            part=Session.Part.AFTERNOON,
            position=position,
            title=f"{slug.replace('-', ' ').title()}: workshop",
            duration_minutes=45,
        )
        for number in (1, 2):
            WorkshopRun.objects.create(session=session, number=number, capacity=2)
    return event


@pytest.fixture
def runs(open_event):
    """run("signs-of-safety", 1): the event's workshop run."""
    from network.models import WorkshopRun

    def run(model_slug: str, number: int) -> WorkshopRun:
        return WorkshopRun.objects.select_related("session").get(
            session__event=open_event, session__slug=f"workshop-{model_slug}", number=number
        )

    return run
