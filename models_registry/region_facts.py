"""The region's registry content, taken from the seed documents in ../shared/seeds.

Facts and figures carry a citation (seed number and section); descriptions are our own
summaries. Seeds: 000 reference group minutes and overview (Feb 2020); 001 SESLIP report
"Models of Social Work Practice" (2020); 002 Innovation Programme Learning Summary #3;
003 City of London "Social Work Model in the City" (Sept 2017); 004 Brighton & Hove
"Children's Social Work: Our Journey" (2014-2016). GSS codes outside the South East come
from the ONS register of geographic codes.

`models_registry.region_data.load()` writes these into the database idempotently.
"""

import datetime
from dataclasses import dataclass

from models_registry.models import Adoption, LocalAuthority, PracticeModel, Theme

Role = Adoption.Role
Status = Adoption.Status
Funding = Adoption.FundingProgramme
Judgement = LocalAuthority.OfstedJudgement
AUTUMN_2019 = Adoption.Survey.AUTUMN_2019
REPORT_2020 = datetime.date(2020, 7, 31)  # seed 001 cites July 2020 figures (§4.3.6)
SURVEY_2019 = datetime.date(2019, 11, 30)  # "the models in use ... in Autumn 2019" (seed 001)
CITY_REPORT = datetime.date(2017, 9, 27)  # seed 003's committee date


@dataclass(frozen=True)
class AuthorityFact:
    slug: str
    name: str
    kind: str
    gss_code: str
    region: str = "South East"
    ofsted_judgement: str = ""
    ofsted_date: datetime.date | None = None
    ofsted_when: str = ""
    ofsted_source: str = ""
    context: str = ""
    source: str = "Seed 000 §1; seed 001, table 'models in use across the region in Autumn 2019'"


@dataclass(frozen=True)
class ModelFact:
    slug: str
    name: str
    short_name: str
    kind: str
    table_position: int
    overview: str
    source: str
    developed_by: str = ""
    origin_place: str = ""
    origin_period: str = ""
    builds_on: str = ""
    key_features: tuple[str, ...] = ()
    underpinnings: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    evaluation: str = ""
    funding_and_costs: str = ""
    drivers_and_challenges: str = ""
    website: str = ""


@dataclass(frozen=True)
class AdoptionFact:
    authority: str
    model: str
    role: str
    source: str
    status: str = Status.NOT_STATED
    year_started: int | None = None
    year_relaunched: int | None = None
    started_note: str = ""
    services: tuple[str, ...] = ()
    dfe_programme: str = ""
    dfe_amount: int | None = None
    dfe_year: int | None = None
    survey: str = ""
    as_at: datetime.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ContactFact:
    authority: str
    model: str
    name: str
    role: str
    email: str
    source: str = "Seed 001 §6 (Local Authority Contacts)"


@dataclass(frozen=True)
class ThemeFact:
    slug: str
    kind: str
    name: str
    position: int
    description: str
    source: str
    models: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedFact:
    slug: str
    name: str
    description: str = ""
    source: str = ""
    position: int = 100


# --- taxonomies ---------------------------------------------------------------------------

UNDERPINNINGS = (
    NamedFact(
        "motivational-interviewing",
        "Motivational interviewing",
        "Conversations that help people find and strengthen their own reasons for change.",
        "Seed 000 §2.2; seed 001 §1.1.1, §3.1.1, §5.1.8",
    ),
    NamedFact(
        "systemic",
        "Systemic",
        "Sees problems as located in relationships rather than in individuals, and the "
        "family as part of wider systems.",
        "Seed 003 §19; seed 002",
    ),
    NamedFact(
        "restorative",
        "Restorative",
        "Working with people rather than doing things to or for them.",
        "Seed 002 (Leeds Family Valued, Stockport Family); seed 001 §3.1.1",
    ),
    NamedFact(
        "solution-focused",
        "Solution-focused",
        "Builds on what is already working and on the family's own goals.",
        "Seed 000 §2.3; seed 001 §2.1.2, §3.1.1, §5.1.8",
    ),
    NamedFact(
        "strengths-based",
        "Strengths-based",
        "Treats families as part of the solution and starts from their strengths.",
        "Seed 000 §2.3; seed 002",
    ),
    NamedFact(
        "attachment-trauma-informed",
        "Attachment and trauma-informed",
        "Understands behaviour through attachment and the effects of past trauma.",
        "Seed 000 §1.10; seed 001 §5.1.8",
    ),
    NamedFact(
        "relationship-based",
        "Relationship-based",
        "The worker's relationship with the family is the main means of help and change.",
        "Seed 000 §2.1; seed 001 §4.1.4; seed 003 §4",
    ),
)

TOOLS = (
    NamedFact(
        "sos-assessment-protocol",
        "Signs of Safety assessment and planning protocol",
        "A one-page map of harm, danger, complicating factors, strengths and safety, with a "
        "0 to 10 safety judgement.",
        "Seed 001 §2.1.5",
    ),
    NamedFact(
        "three-houses",
        "My Three Houses",
        "A tool for hearing children's views.",
        "Seed 001 §2.1.5, §2.3.5",
    ),
    NamedFact(
        "fairy-wizard",
        "Fairy/Wizard tool",
        "A tool for involving younger children.",
        "Seed 001 §2.1.5",
    ),
    NamedFact(
        "words-and-pictures",
        "Words and Pictures explanations",
        "Explains to children, in words and drawings, why professionals are involved.",
        "Seed 001 §2.1.5, §2.3.5",
    ),
    NamedFact(
        "safety-planning",
        "Safety planning",
        "Family-owned rules and arrangements showing how children will be kept safe.",
        "Seed 001 §2.1.5",
    ),
    NamedFact(
        "fsm-workbook",
        "FSM workbook",
        "A workbook for streamlined recording and 'real time' assessment.",
        "Seed 001 §1.1.3",
    ),
    NamedFact(
        "group-case-discussion",
        "Group case discussion",
        "Group supervision in which the whole team, including adult specialists, "
        "discusses families together.",
        "Seed 001 §1.1.3, §4.1.8; seed 002",
    ),
    NamedFact("dmm", "Dynamic-Maturational Model of Attachment (DMM)", "", "Seed 000 §1.10"),
    NamedFact(
        "single-source",
        "Single Source",
        "East Sussex's online practice resource.",
        "Seed 001 §5.1.9",
    ),
    NamedFact(
        "neglect-toolkit", "Neglect toolkit and neglect matrix", "", "Seed 001 §5.1.9, §5.1.12"
    ),
    NamedFact(
        "communication-toolkit",
        "Communication and participation toolkit",
        "",
        "Seed 001 §5.1.9, §5.1.12",
    ),
    NamedFact("digital-toolkit", "Digital toolkit", "", "Seed 001 §5.1.9, §5.1.12"),
    NamedFact(
        "resilience-toolkit",
        "Resilience toolkit",
        "A bespoke toolkit for staff resilience, with mindfulness training.",
        "Seed 001 §5.1.14",
    ),
    NamedFact(
        "case-summary-tool",
        "Case summary tool",
        "Less time recording, more time with children.",
        "Seed 001 §5.1.10",
    ),
    NamedFact("adult-attachment-interview", "Adult attachment interview", "", "Seed 001 §5.1.8"),
    NamedFact("attachment-style-interview", "Attachment style interview", "", "Seed 001 §5.1.8"),
    NamedFact(
        "embedding-change-dashboard",
        "Embedding Change Dashboard",
        "A monthly tracker of how changes are being embedded, by district.",
        "Seed 001 §3.3.6",
    ),
    NamedFact(
        "family-group-conference",
        "Family Group Conference",
        "A meeting in which the wider family makes a plan for the child.",
        "Seed 002 (Leeds Family Valued); seed 001 §5.1.11",
    ),
    NamedFact(
        "reflective-practice-groups",
        "Reflective practice groups",
        "Monthly groups with peers from across the service.",
        "Seed 001 §4.1.8; seed 004",
    ),
)

SERVICES = (
    NamedFact("early-help", "Early help", position=10),
    NamedFact("front-door", "Front door", position=20),
    NamedFact("child-in-need", "Child in need (CIN)", position=30),
    NamedFact("child-protection", "Child protection (CP)", position=40),
    NamedFact("public-law-outline", "Children subject to the Public Law Outline", position=50),
    NamedFact("children-looked-after", "Children looked after (CLA)", position=60),
    NamedFact("care-leavers", "Care leavers", position=70),
    NamedFact("disabilities", "Children with disabilities", position=80),
    NamedFact("adoption-fostering", "Adoption and fostering", position=90),
    NamedFact("adolescents", "Adolescent services", position=100),
    NamedFact("all-social-care", "All children's social care teams", position=110),
)

# --- local authorities --------------------------------------------------------------------

_SE = "South East"
_LON = "London"
_EE = "East of England"
_EM = "East Midlands"
_YH = "Yorkshire and the Humber"
_NW = "North West"
_NE = "North East"
_SW = "South West"
_C = LocalAuthority.Kind.COUNTY
_U = LocalAuthority.Kind.UNITARY
_M = LocalAuthority.Kind.METROPOLITAN
_L = LocalAuthority.Kind.LONDON_BOROUGH
_SEPT_2017 = "Rating reported in September 2017"
_S003_13 = "Seed 003 §13 (Signs of Safety innovation project)"
_S003_22 = "Seed 003 §22 (London authorities using systemic practice)"

AUTHORITIES = (
    AuthorityFact(
        "bracknell-forest",
        "Bracknell Forest",
        _U,
        "E06000036",
        context="Sponsor of the SESLIP models of practice project; uses Family "
        "Safeguarding as its only model (seed 000 §1.1, §3).",
    ),
    AuthorityFact("surrey", "Surrey", _C, "E10000030"),
    AuthorityFact("west-berkshire", "West Berkshire", _U, "E06000037"),
    AuthorityFact("oxfordshire", "Oxfordshire", _C, "E10000025"),
    AuthorityFact("portsmouth", "Portsmouth", _U, "E06000044"),
    AuthorityFact("southampton", "Southampton", _U, "E06000045"),
    AuthorityFact("medway", "Medway", _U, "E06000035"),
    AuthorityFact("milton-keynes", "Milton Keynes", _U, "E06000042"),
    AuthorityFact(
        "west-sussex",
        "West Sussex",
        _C,
        "E10000032",
        ofsted_judgement=Judgement.REQUIRES_IMPROVEMENT,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
    ),
    AuthorityFact("windsor-and-maidenhead", "Windsor and Maidenhead", _U, "E06000040"),
    AuthorityFact(
        "wokingham",
        "Wokingham",
        _U,
        "E06000041",
        ofsted_judgement=Judgement.REQUIRES_IMPROVEMENT,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
    ),
    AuthorityFact("kent", "Kent", _C, "E10000016"),
    AuthorityFact("buckinghamshire", "Buckinghamshire", _U, "E06000060"),
    AuthorityFact("slough", "Slough", _U, "E06000039"),
    AuthorityFact(
        "brighton-and-hove",
        "Brighton and Hove",
        _U,
        "E06000043",
        context="Organises children's social work in small 'pods' of up to seven "
        "full-time social workers with a pod manager and business support officer "
        "(seed 001 §4.1.7; seed 004).",
    ),
    AuthorityFact(
        "east-sussex",
        "East Sussex",
        _C,
        "E10000011",
        ofsted_judgement=Judgement.OUTSTANDING,
        ofsted_date=datetime.date(2018, 1, 1),
        ofsted_when="2018",
        ofsted_source="Seed 001 §5.1.19",
    ),
    AuthorityFact(
        "hampshire",
        "Hampshire",
        _C,
        "E10000014",
        ofsted_judgement=Judgement.OUTSTANDING,
        ofsted_date=datetime.date(2019, 6, 1),
        ofsted_when="ILACS inspection, June 2019",
        ofsted_source="Seed 001 §3.3.9-§3.3.10",
        context="Delivers services through 8 districts plus county-wide adoption, "
        "fostering, residential and independent reviewing services (seed 001 "
        "§3.2.4-§3.2.5, §3.4.5).",
    ),
    AuthorityFact(
        "isle-of-wight",
        "Isle of Wight",
        _U,
        "E06000046",
        source="Seed 000 §2 (apologies); seed 001 table and §3.2.1",
    ),
    # Outside the region
    AuthorityFact(
        "hertfordshire",
        "Hertfordshire",
        _C,
        "E10000015",
        _EE,
        context="Where Family Safeguarding began: 22 co-located multi-disciplinary "
        "teams (seed 002).",
        source="Seed 002 (Hertfordshire); seed 001 §1.3",
    ),
    AuthorityFact("luton", "Luton", _U, "E06000032", _EE, source="Seed 002 (Hertfordshire)"),
    AuthorityFact(
        "peterborough", "Peterborough", _U, "E06000031", _EE, source="Seed 002 (Hertfordshire)"
    ),
    AuthorityFact(
        "hackney",
        "Hackney",
        _L,
        "E09000012",
        _LON,
        ofsted_judgement=Judgement.GOOD,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_22,
        source="Seed 002 (Harrow); seed 003 §22",
    ),
    AuthorityFact(
        "harrow",
        "Harrow",
        _L,
        "E09000015",
        _LON,
        ofsted_judgement=Judgement.GOOD,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_22,
        source="Seed 002 (Harrow); seed 003 §22",
    ),
    AuthorityFact("derbyshire", "Derbyshire", _C, "E10000007", _EM, source="Seed 002 (Harrow)"),
    AuthorityFact("kingston-upon-hull", "Hull", _U, "E06000010", _YH, source="Seed 002 (Harrow)"),
    AuthorityFact(
        "southwark",
        "Southwark",
        _L,
        "E09000028",
        _LON,
        ofsted_judgement=Judgement.GOOD,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_22,
        source="Seed 002 (Harrow); seed 003 §22",
    ),
    AuthorityFact("leeds", "Leeds", _M, "E08000035", _YH, source="Seed 002 (Leeds)"),
    AuthorityFact("ealing", "Ealing", _L, "E09000009", _LON, source="Seed 002"),
    AuthorityFact("stockport", "Stockport", _M, "E08000007", _NW, source="Seed 002"),
    AuthorityFact(
        "islington",
        "Islington",
        _L,
        "E09000019",
        _LON,
        ofsted_judgement=Judgement.GOOD,
        ofsted_when=_SEPT_2017 + " (Good, with Outstanding in one category)",
        ofsted_source="Seed 003 §11",
        source="Seed 002; seed 003 §9-§11",
    ),
    AuthorityFact(
        "newcastle-upon-tyne", "Newcastle upon Tyne", _M, "E08000021", _NE, source="Seed 002"
    ),
    AuthorityFact("cheshire-east", "Cheshire East", _U, "E06000049", _NW, source="Seed 002"),
    AuthorityFact(
        "hammersmith-and-fulham",
        "Hammersmith and Fulham",
        _L,
        "E09000013",
        _LON,
        source="Seed 002 (Tri-borough); seed 003 §22",
    ),
    AuthorityFact(
        "kensington-and-chelsea",
        "Kensington and Chelsea",
        _L,
        "E09000020",
        _LON,
        source="Seed 002 (Tri-borough); seed 003 §22",
    ),
    AuthorityFact(
        "westminster",
        "Westminster",
        _L,
        "E09000033",
        _LON,
        source="Seed 002 (Tri-borough); seed 003 §22",
    ),
    AuthorityFact(
        "city-of-london",
        "City of London",
        LocalAuthority.Kind.OTHER,
        "E09000001",
        _LON,
        ofsted_judgement=Judgement.GOOD,
        ofsted_when=_SEPT_2017 + " (Good, with Outstanding in one category)",
        ofsted_source="Seed 003 §11",
        context="A small, generic children's social care and early help service "
        "whose stated ethos is relationship-based practice (seed 003, summary, §5).",
        source="Seed 003",
    ),
    AuthorityFact(
        "waltham-forest",
        "Waltham Forest",
        _L,
        "E09000031",
        _LON,
        ofsted_judgement=Judgement.REQUIRES_IMPROVEMENT,
        ofsted_when=_SEPT_2017,
        ofsted_source="Seed 003 §16",
        source="Seed 003 §16",
    ),
    AuthorityFact(
        "brent",
        "Brent",
        _L,
        "E09000005",
        _LON,
        ofsted_judgement=Judgement.REQUIRES_IMPROVEMENT,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
        source=_S003_13,
    ),
    AuthorityFact(
        "bristol",
        "Bristol",
        _U,
        "E06000023",
        _SW,
        ofsted_judgement=Judgement.REQUIRES_IMPROVEMENT,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
        source=_S003_13,
    ),
    AuthorityFact(
        "leicestershire",
        "Leicestershire",
        _C,
        "E10000018",
        _EM,
        ofsted_judgement=Judgement.REQUIRES_IMPROVEMENT,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
        source=_S003_13,
    ),
    AuthorityFact(
        "lincolnshire",
        "Lincolnshire",
        _C,
        "E10000019",
        _EM,
        ofsted_judgement=Judgement.GOOD,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
        source=_S003_13,
    ),
    AuthorityFact(
        "norfolk",
        "Norfolk",
        _C,
        "E10000020",
        _EE,
        ofsted_judgement=Judgement.INADEQUATE,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
        source=_S003_13,
    ),
    AuthorityFact(
        "suffolk",
        "Suffolk",
        _C,
        "E10000029",
        _EE,
        ofsted_judgement=Judgement.GOOD,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
        source=_S003_13,
    ),
    AuthorityFact(
        "tower-hamlets",
        "Tower Hamlets",
        _L,
        "E09000030",
        _LON,
        ofsted_judgement=Judgement.INADEQUATE,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
        source=_S003_13,
    ),
    AuthorityFact(
        "wakefield",
        "Wakefield",
        _M,
        "E08000036",
        _YH,
        ofsted_judgement=Judgement.NOT_INSPECTED,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_13,
        source=_S003_13,
    ),
    AuthorityFact(
        "lambeth",
        "Lambeth",
        _L,
        "E09000022",
        _LON,
        ofsted_judgement=Judgement.INADEQUATE,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_22,
        source=_S003_22,
    ),
    AuthorityFact(
        "croydon",
        "Croydon",
        _L,
        "E09000008",
        _LON,
        ofsted_judgement=Judgement.INADEQUATE,
        ofsted_when=_SEPT_2017,
        ofsted_source=_S003_22,
        source=_S003_22,
    ),
)

# --- practice models ----------------------------------------------------------------------

_K = PracticeModel.Kind
_NOT_IN_SEEDS = "The source documents name this model but describe it no further."

MODELS = (
    ModelFact(
        "family-safeguarding",
        "Family Safeguarding Model",
        "FSM",
        _K.ESTABLISHED,
        1,
        overview=(
            "A whole-service model for keeping children safely with their families. "
            "Children's social workers work in co-located teams with adult specialists in "
            "mental health, domestic abuse and substance misuse, and use motivational "
            "interviewing to help parents name and make the changes their family needs."
        ),
        source="Seed 001 §1; seed 000 §1.1-§1.2; seed 002 (Hertfordshire)",
        developed_by="Hertfordshire County Council",
        origin_place="Hertfordshire",
        origin_period="2015 (first year evaluated from August 2015)",
        key_features=(
            "Multi-disciplinary, co-located teams with adult specialists",
            "Whole-family focus, with more time spent with children and families",
            "Change achieved through skilled motivational interviewing",
            "Reflective group supervision in a multi-disciplinary forum",
            "A workbook for streamlined recording and real-time assessment",
            "Group work programmes once adult specialists are in post",
            "A multi-agency set of key performance indicators",
        ),
        underpinnings=("motivational-interviewing", "strengths-based", "relationship-based"),
        tools=("fsm-workbook", "group-case-discussion"),
        evaluation=(
            "Evaluated by York Consulting. The first evaluation, of Hertfordshire in 2017, "
            "found a fall in days spent in care from 20.5 to 9.8 per family over five months "
            "and estimated £2.6m savings to children's services in the first 12 months "
            "(seed 001 §1.3.6, §1.3.12). York Consulting's evaluation of Bracknell Forest and "
            "West Berkshire was due in Autumn 2020; both authorities report cost avoidance of "
            "over £2m and over £3m respectively (seed 001 §1.3.13-§1.3.15)."
        ),
        funding_and_costs=(
            "Bracknell Forest and West Berkshire received DfE innovation grants of £1.9m and "
            "£2.1m in 2017; the ongoing cost of the specialist staff is £324,000 a year "
            "(seed 001 §1.5.1)."
        ),
        drivers_and_challenges=(
            "Culture change and leadership ownership; persuading partners of the benefit of "
            "multi-disciplinary teams and securing partner funding to sustain them; clear "
            "governance and supervision for seconded adult specialists (seed 001 §1.4)."
        ),
    ),
    ModelFact(
        "signs-of-safety",
        "Signs of Safety",
        "SoS",
        _K.PROPRIETARY,
        3,
        overview=(
            "A strengths-based, safety-organised approach to child protection casework. "
            "Workers and families use solution-focused and systemic questions to set what "
            "worries them against what is working well, and families with their own network "
            "build long-term safety plans."
        ),
        source="Seed 001 §2; seed 000 §1.4-§1.5; seed 003 §12-§15",
        developed_by="Andrew Turnell and Steve Edwards, with West Australian practitioners",
        origin_place="Western Australia",
        origin_period="1990s",
        key_features=(
            "A one-page assessment and planning protocol used from start to close",
            "Three questions: what are we worried about, what's working well, what needs to happen",
            "A 0 to 10 safety scale",
            "Practice disciplines: plain language, observable behaviours, skilful authority",
            "Tools for involving children",
            "Safety planning by parents and their support network",
        ),
        underpinnings=("solution-focused", "strengths-based", "systemic", "relationship-based"),
        tools=(
            "sos-assessment-protocol",
            "three-houses",
            "fairy-wizard",
            "words-and-pictures",
            "safety-planning",
        ),
        evaluation=(
            "Evaluated in the DfE Innovation Programme (Baginsky et al., July 2017; EIP2 "
            "follow-up 2018) and reviewed by the What Works Centre in November 2018, which "
            "found no evidence that it reduces entry to care, though the evidence available "
            "was of very low strength (seed 001 §2.3)."
        ),
        funding_and_costs=(
            "Authorities report the costs of ongoing training, consultancy and IT changes; "
            "evaluations have not yet given a reliable cost-benefit analysis (seed 001 §2.5)."
        ),
        drivers_and_challenges=(
            "Needs a preparation phase, two intense years and three of continuing development, "
            "with visible leadership; South East authorities report the cost of ongoing "
            "training and the cost and inflexibility of approval from the national programme "
            "(seed 001 §2.4)."
        ),
        website="https://www.signsofsafety.net/",
    ),
    ModelFact(
        "restorative-practice",
        "Restorative Practice",
        "RP",
        _K.ESTABLISHED,
        2,
        overview=(
            "An approach built on working with families rather than doing things to or for "
            "them. In the region Southampton uses it as its only model and Oxfordshire and "
            "Portsmouth alongside Family Safeguarding; Leeds's Family Valued and Stockport "
            "Family build on it outside the region."
        ),
        source="Seed 000 §1.2-§1.3; seed 001 table; seed 002 (Leeds, Stockport)",
        underpinnings=("restorative", "relationship-based"),
        tools=("family-group-conference",),
    ),
    ModelFact(
        "strengthening-families",
        "Strengthening Families",
        "SF",
        _K.ESTABLISHED,
        4,
        overview="Buckinghamshire's model in the Autumn 2019 survey. " + _NOT_IN_SEEDS,
        source="Seed 000 §1.6; seed 001 table",
    ),
    ModelFact(
        "systemic-practice",
        "Systemic practice",
        "",
        _K.ESTABLISHED,
        5,
        overview=(
            "Practice that places problems in relationships rather than in people, treats "
            "workers as part of the system they work with, sees families as experts in their "
            "own lives and holds several perspectives at once. Slough was developing a "
            "systemic model in Autumn 2019; several London boroughs use it."
        ),
        source="Seed 000 §1.7; seed 003 §19-§22; seed 002",
        key_features=(
            "Problems are located in relationships, not in people",
            "Workers are never neutral observers",
            "Service users are competent experts in their own lives",
            "Multiple perspectives rather than one truth",
        ),
        underpinnings=("systemic", "strengths-based", "relationship-based"),
        drivers_and_challenges=(
            "Authorities using it advise small caseloads, whole-organisation buy-in from the "
            "start and a long-term vision; trained staff are hard to retain (seed 003 §20)."
        ),
    ),
    ModelFact(
        "team-around-the-relationship",
        "The Team Around the Relationship",
        "TAR",
        _K.BESPOKE,
        6,
        overview=(
            "Brighton and Hove's relationship-based model. If social workers feel supported "
            "and contained they can build relationships with families and use them to bring "
            "about change; small 'pods' of social workers who know each other's families "
            "surround that relationship."
        ),
        source="Seed 001 §4; seed 000 §1.8-§1.9; seed 004",
        developed_by="Brighton and Hove City Council",
        origin_place="Brighton and Hove",
        origin_period="2014-2015, implemented October 2015",
        key_features=(
            "Continuity of relationships between social workers and families",
            "Consistency of relationships between teams and families",
            "Collaboration between practitioners in small pods",
            "Social workers as purposeful partners in change",
            "A learning culture instead of a blame culture",
            "1:1, weekly group and monthly reflective supervision",
        ),
        underpinnings=("relationship-based", "systemic"),
        tools=("group-case-discussion", "reflective-practice-groups"),
        evaluation=(
            "Evaluated in July 2017 with the University of Sussex ('Empathy, tenacity and "
            "compassion'); ongoing monitoring of family feedback, staff satisfaction and key "
            "indicators. Average caseload fell from 18-19 children in October 2015 to 15 in "
            "July 2020 (seed 001 §4.3)."
        ),
        funding_and_costs=(
            "Implemented within the existing core budget by redirecting training and "
            "evaluation budgets, with no external funding (seed 001 §4.5; seed 000 §1.8)."
        ),
        drivers_and_challenges=(
            "Time to change culture, embedding and consistency, set against austerity and "
            "reduced early help (seed 001 §4.4)."
        ),
    ),
    ModelFact(
        "connected-practice",
        "Connected Practice",
        "",
        _K.BESPOKE,
        7,
        overview=(
            "East Sussex's model: practitioners use their own skills and relationships to "
            "help families solve problems themselves, and every level of the organisation, "
            "from practitioner to chief executive, asks the same questions about a child."
        ),
        source="Seed 001 §5; seed 000 §1.8, §1.10",
        developed_by="East Sussex County Council",
        origin_place="East Sussex",
        origin_period="2016",
        key_features=(
            "Relationship building, good authority and evocation as the direct skills",
            "The same five questions in every child's plan and at every level",
            "Practice champions with specialist knowledge in frontline teams",
            "The same plan travels with the child from CIN into adulthood",
            "All staff trained in the same approach",
        ),
        underpinnings=(
            "relationship-based",
            "motivational-interviewing",
            "attachment-trauma-informed",
            "solution-focused",
            "systemic",
        ),
        tools=(
            "dmm",
            "single-source",
            "neglect-toolkit",
            "communication-toolkit",
            "digital-toolkit",
            "resilience-toolkit",
            "case-summary-tool",
            "adult-attachment-interview",
            "attachment-style-interview",
            "group-case-discussion",
            "family-group-conference",
        ),
        evaluation=(
            "Business as usual, evaluated through a learning needs analysis every two years "
            "and quality assurance; East Sussex reports 12% staff turnover against 16% "
            "nationally (seed 001 §5.3)."
        ),
        funding_and_costs=(
            "Developed with existing core resources, reshaping the training offer; no "
            "external funding (seed 001 §5.5; seed 000 §1.8)."
        ),
        drivers_and_challenges=(
            "An unsustainable trajectory of high demand and cost drove the change; the "
            "challenge now is keeping the model fresh (seed 001 §5.4, §5.1.15)."
        ),
    ),
    ModelFact(
        "hampshire-approach",
        "The Hampshire (and Isle of Wight) Approach",
        "HA",
        _K.BESPOKE,
        8,
        overview=(
            "A whole-system, strengths-based and family-focused approach: a social-work-led, "
            "multi-disciplinary family service from the front door to specialist services, "
            "drawing on motivational interviewing, solution-focused approaches and "
            "restorative practice."
        ),
        source="Seed 001 §3; seed 000 §1.8, §1.11",
        developed_by="Hampshire County Council with the University of Winchester",
        origin_place="Hampshire",
        origin_period="2016-2019",
        key_features=(
            "Family-focused and evidence-based practice",
            "The right support at the right time",
            "Outcomes for the family as a whole",
            "Lean and effective service delivery",
            "Dynamic and sustainable multi-disciplinary teams",
        ),
        underpinnings=(
            "strengths-based",
            "motivational-interviewing",
            "solution-focused",
            "restorative",
        ),
        tools=("embedding-change-dashboard",),
        evaluation=(
            "Evaluated by Oxford Brookes as part of the DfE-funded Partners in Practice "
            "programme; since November 2018 Hampshire reports 23% fewer child protection "
            "plans and 30% lower caseloads, among other factors (seed 001 §3.3)."
        ),
        funding_and_costs=(
            "Business as usual within the operational budget, with DfE Innovation Fund and "
            "Partners in Practice funding for the Transforming Social Care programme "
            "(seed 001 §3.5)."
        ),
        drivers_and_challenges=(
            "Leadership by example, whole-system culture change and consistency across "
            "8 districts (seed 001 §3.4)."
        ),
    ),
    ModelFact(
        "trauma-informed-model-of-care",
        "Trauma Informed Model of Care",
        "TIMOC",
        _K.ESTABLISHED,
        9,
        overview="Used by Portsmouth alongside Family Safeguarding and Restorative Practice. "
        + _NOT_IN_SEEDS,
        source="Seed 000 §1.2; seed 001 table and §1.2.1",
        underpinnings=("attachment-trauma-informed",),
    ),
    ModelFact(
        "finding-safe-solutions",
        "Finding Safe Solutions for Families",
        "",
        _K.BESPOKE,
        100,
        overview=(
            "Kent's model in development, building on its Signs of Safety work: an eclectic "
            "approach drawing on Signs of Safety, systemic whole-family work, motivational "
            "interviewing and solution-focused methods, with the least scrutiny needed."
        ),
        source="Seed 000 §1.5; seed 001 §2.2.1, §2.2.4",
        developed_by="Kent County Council",
        origin_place="Kent",
        builds_on="signs-of-safety",
        underpinnings=(
            "strengths-based",
            "systemic",
            "motivational-interviewing",
            "solution-focused",
        ),
    ),
    ModelFact(
        "motivational-interviewing",
        "Motivational interviewing",
        "MI",
        _K.ESTABLISHED,
        100,
        overview=(
            "A way of talking with parents that helps them find their own reasons and "
            "plans for change; the core practice of Family Safeguarding and part of several "
            "other models. Oxfordshire uses it alongside FSM and Restorative Practice."
        ),
        source="Seed 000 §1.2, §2.2; seed 001 §1.1.1; seed 003 §9",
        underpinnings=("motivational-interviewing",),
    ),
    ModelFact(
        "reclaiming-social-work",
        "Reclaiming Social Work",
        "RSW",
        _K.ESTABLISHED,
        100,
        overview=(
            "Consultant social workers lead small units trained in systemic practice, with "
            "shared caseloads, systemic case discussion and a unit coordinator who frees "
            "time for direct work."
        ),
        source="Seed 002 (Harrow)",
        developed_by="Hackney",
        origin_place="Hackney",
        key_features=(
            "Small units led by consultant social workers",
            "Shared caseloads and systemic case discussion",
            "A unit coordinator to reduce administration",
        ),
        underpinnings=("systemic",),
        tools=("group-case-discussion",),
        evaluation=(
            "Across five authorities, 79% of 119 children referred remained at home, with "
            "estimated potential savings of £1.3m (seed 002)."
        ),
    ),
    ModelFact(
        "family-valued",
        "Family Valued",
        "",
        _K.BESPOKE,
        100,
        overview=(
            "Leeds's programme for making restorative practice the ethos of every service "
            "that works with children, with Family Group Conferences as a core offer."
        ),
        source="Seed 002 (Leeds)",
        developed_by="Leeds City Council",
        origin_place="Leeds",
        underpinnings=("restorative",),
        tools=("family-group-conference",),
        evaluation=(
            "660 conferences in 2016; 13% fewer child protection plans and children in need "
            "in the first year; estimated saving of £755 per family (seed 002)."
        ),
    ),
    ModelFact(
        "strengthening-practice",
        "Strengthening Practice",
        "",
        _K.PROPRIETARY,
        100,
        overview=(
            "A bought-in, bespoke programme drawing together several methods, used by "
            "Waltham Forest; the City of London found it very expensive and rarely used."
        ),
        source="Seed 003 §16-§18",
        funding_and_costs="Described as very expensive (seed 003 §17).",
    ),
    ModelFact(
        "doing-what-counts",
        "Doing What Counts and Measuring What Matters",
        "",
        _K.BESPOKE,
        100,
        overview=(
            "Islington's motivational social work model, built with the University of "
            "Bedfordshire and Professor Donald Forrester: motivational interviewing, "
            "collaborative task-centred work and measuring outcomes for children."
        ),
        source="Seed 003 §9-§10; seed 002",
        developed_by="Islington with the University of Bedfordshire",
        origin_place="Islington",
        underpinnings=("motivational-interviewing", "relationship-based"),
        evaluation=(
            "The July 2017 evaluation found parents positive and practitioners more "
            "confident, but insufficient evidence of better outcomes for children "
            "(seed 003 §10)."
        ),
    ),
    ModelFact(
        "brighter-futures",
        "Brighter Futures",
        "",
        _K.BESPOKE,
        100,
        overview=(
            "Ealing's bespoke practice model, reshaping fostering around complex adolescents "
            "and giving families a role and choice in decisions."
        ),
        source="Seed 002 (Ealing)",
        developed_by="Ealing",
        origin_place="Ealing",
        underpinnings=("strengths-based",),
    ),
    ModelFact(
        "family-insights",
        "Family Insights",
        "",
        _K.BESPOKE,
        100,
        overview=(
            "Newcastle's programme that segments social work teams by need and builds a "
            "teaching and learning culture through its own curriculum."
        ),
        source="Seed 002 (Newcastle)",
        developed_by="Newcastle City Council",
        origin_place="Newcastle upon Tyne",
    ),
    ModelFact(
        "stockport-family",
        "Stockport Family",
        "",
        _K.BESPOKE,
        100,
        overview=("Co-location, restorative practice and partnership working across Stockport."),
        source="Seed 002 (Stockport)",
        developed_by="Stockport",
        origin_place="Stockport",
        underpinnings=("restorative",),
    ),
    ModelFact(
        "project-crewe",
        "Project Crewe",
        "",
        _K.BESPOKE,
        100,
        overview=(
            "Cheshire East's project using qualified family practitioners alongside peer "
            "mentors and volunteers."
        ),
        source="Seed 002 (Cheshire East)",
        developed_by="Cheshire East",
        origin_place="Crewe",
    ),
)

# --- adoptions ----------------------------------------------------------------------------

_P = Role.ONLY_OR_PRIMARY
_A = Role.ALONGSIDE
_TABLE = "Seed 001, table of models in use in Autumn 2019; seed 000 §1"
_ALL_SOCIAL_CARE = ("early-help", "all-social-care")


def _surveyed(authority: str, model: str, role: str, source: str, **extra) -> AdoptionFact:
    return AdoptionFact(
        authority,
        model,
        role,
        f"{_TABLE}; {source}",
        survey=AUTUMN_2019,
        as_at=SURVEY_2019,
        **extra,
    )


ADOPTIONS = (
    # The Autumn 2019 table (seed 001, before section 1), row by row.
    _surveyed(
        "bracknell-forest",
        "family-safeguarding",
        _P,
        "seed 001 §1.2, §1.3.14, §1.5.1",
        status=Status.IMPLEMENTING,
        year_started=2017,
        started_note="Fully staffed multi-disciplinary team since August 2018",
        services=("child-in-need", "child-protection", "children-looked-after", "front-door"),
        dfe_programme=Funding.INNOVATION_PROGRAMME,
        dfe_amount=1_900_000,
        dfe_year=2017,
        notes="Spreading into front door services in early 2020 (seed 001 §1.3.14).",
    ),
    _surveyed(
        "surrey",
        "family-safeguarding",
        _P,
        "seed 001 §1.2.1, §1.2.4",
        status=Status.IMPLEMENTING,
        year_started=2019,
        services=("child-in-need", "child-protection", "public-law-outline"),
        dfe_programme=Funding.DFE_UNSPECIFIED,
    ),
    _surveyed(
        "west-berkshire",
        "family-safeguarding",
        _P,
        "seed 001 §1.2.2, §1.5.1",
        status=Status.IMPLEMENTING,
        year_started=2017,
        started_note="October 2017, in the two locality-based teams",
        services=("child-in-need", "child-protection", "public-law-outline"),
        dfe_programme=Funding.INNOVATION_PROGRAMME,
        dfe_amount=2_100_000,
        dfe_year=2017,
    ),
    _surveyed(
        "oxfordshire",
        "family-safeguarding",
        _A,
        "seed 001 §1.2.1",
        notes="Used alongside Restorative Practice and motivational interviewing.",
    ),
    _surveyed(
        "portsmouth",
        "family-safeguarding",
        _A,
        "seed 001 §1.2.1",
        notes="Used alongside Restorative Practice and TIMOC.",
    ),
    _surveyed("southampton", "restorative-practice", _P, "seed 000 §1.3"),
    _surveyed("oxfordshire", "restorative-practice", _A, "seed 000 §1.2"),
    _surveyed("portsmouth", "restorative-practice", _A, "seed 000 §1.2"),
    _surveyed(
        "medway",
        "signs-of-safety",
        _P,
        "seed 001 §2.2.1-§2.2.2",
        status=Status.IMPLEMENTING,
        year_started=2019,
        started_note="Roll-out from 2019",
    ),
    _surveyed(
        "milton-keynes",
        "signs-of-safety",
        _P,
        "seed 001 §2.2.1-§2.2.3",
        status=Status.IMPLEMENTING,
        year_started=2013,
        year_relaunched=2019,
        services=_ALL_SOCIAL_CARE,
    ),
    _surveyed(
        "west-sussex",
        "signs-of-safety",
        _P,
        "seed 001 §2.2.1-§2.2.3; seed 003 §13",
        year_started=2012,
        services=_ALL_SOCIAL_CARE,
        dfe_programme=Funding.INNOVATION_PROGRAMME,
        notes="Part of the Signs of Safety innovation project and its EIP2 "
        "evaluation (seed 003 §13; seed 001 §2.3.12).",
    ),
    _surveyed(
        "windsor-and-maidenhead",
        "signs-of-safety",
        _P,
        "seed 001 §2.2.1-§2.2.2",
        status=Status.IMPLEMENTING,
        year_started=2019,
        started_note="Roll-out from 2019",
    ),
    _surveyed(
        "wokingham",
        "signs-of-safety",
        _P,
        "seed 001 §2.2.1-§2.2.3; seed 003 §13",
        year_started=2014,
        services=_ALL_SOCIAL_CARE,
        dfe_programme=Funding.INNOVATION_PROGRAMME,
        notes="Part of the Signs of Safety innovation project (seed 003 §13).",
    ),
    _surveyed(
        "kent",
        "signs-of-safety",
        Role.BUILDING_ON,
        "seed 000 §1.5; seed 001 §2.2.1",
        notes="Building on Signs of Safety as it develops Finding Safe Solutions for "
        "Families; the Autumn 2019 table lists Kent under 'alongside other models'.",
    ),
    _surveyed("buckinghamshire", "strengthening-families", _P, "seed 000 §1.6"),
    _surveyed(
        "slough",
        "systemic-practice",
        _P,
        "seed 000 §1.7",
        status=Status.IN_DEVELOPMENT,
        notes="Developing a systemic practice model supported by a range of systemic tools.",
    ),
    _surveyed(
        "brighton-and-hove",
        "team-around-the-relationship",
        _P,
        "seed 001 §4.1.1, §4.2, §4.3.8",
        status=Status.EMBEDDED,
        year_started=2015,
        started_note="Implemented October 2015",
        services=(
            "child-in-need",
            "child-protection",
            "adolescents",
            "adoption-fostering",
            "disabilities",
            "care-leavers",
        ),
        notes="Early help practitioners share its principles and recording system "
        "(seed 001 §4.2.2).",
    ),
    _surveyed(
        "east-sussex",
        "connected-practice",
        _P,
        "seed 001 §5.1.1, §5.2, §5.3.2",
        status=Status.EMBEDDED,
        year_started=2016,
        services=_ALL_SOCIAL_CARE,
        notes="Also used by the jointly commissioned SWIFT service (seed 001 §5.2.2).",
    ),
    _surveyed(
        "hampshire",
        "hampshire-approach",
        _P,
        "seed 001 §3.1.5, §3.2, §3.3.3, §3.5",
        status=Status.EMBEDDED,
        year_started=2018,
        started_note="Elements rolled out from Spring 2018; introduced incrementally in 2018-19",
        services=(
            "early-help",
            "child-in-need",
            "child-protection",
            "children-looked-after",
            "disabilities",
            "care-leavers",
            "adoption-fostering",
        ),
        dfe_programme=Funding.INNOVATION_AND_PIP,
    ),
    _surveyed(
        "isle-of-wight",
        "hampshire-approach",
        _P,
        "seed 001 §3.2.1",
        status=Status.IMPLEMENTING,
        year_started=2019,
        started_note="Launched September 2019",
    ),
    _surveyed("portsmouth", "trauma-informed-model-of-care", _A, "seed 000 §1.2"),
    # Other adoptions the seeds report.
    AdoptionFact(
        "kent",
        "finding-safe-solutions",
        _P,
        "Seed 000 §1.5; seed 001 §2.2.4",
        status=Status.IN_DEVELOPMENT,
        as_at=REPORT_2020,
    ),
    AdoptionFact(
        "oxfordshire",
        "motivational-interviewing",
        _A,
        "Seed 000 §1.2; seed 001 §1.2.1",
        as_at=SURVEY_2019,
        notes="Reported alongside FSM; the Autumn 2019 table has no row for it.",
    ),
    AdoptionFact(
        "hertfordshire",
        "family-safeguarding",
        Role.NOT_STATED,
        "Seed 002 (Hertfordshire); seed 001 §1.3.1",
        year_started=2015,
        dfe_programme=Funding.INNOVATION_PROGRAMME,
        notes="Developed the model; 22 co-located teams (seed 002).",
    ),
    AdoptionFact(
        "luton",
        "family-safeguarding",
        Role.NOT_STATED,
        "Seed 002 (Hertfordshire)",
        status=Status.IMPLEMENTING,
        notes="Supported by Hertfordshire to adopt FSM.",
    ),
    AdoptionFact(
        "peterborough",
        "family-safeguarding",
        Role.NOT_STATED,
        "Seed 002 (Hertfordshire)",
        status=Status.IMPLEMENTING,
        notes="Supported by Hertfordshire to adopt FSM.",
    ),
    AdoptionFact(
        "hackney",
        "reclaiming-social-work",
        Role.NOT_STATED,
        "Seed 002 (Harrow)",
        notes="Where the model was first developed.",
    ),
    AdoptionFact(
        "harrow",
        "reclaiming-social-work",
        Role.NOT_STATED,
        "Seed 002 (Harrow)",
        status=Status.IMPLEMENTING,
        dfe_programme=Funding.INNOVATION_PROGRAMME,
    ),
    AdoptionFact(
        "derbyshire",
        "reclaiming-social-work",
        Role.NOT_STATED,
        "Seed 002 (Harrow)",
        status=Status.IMPLEMENTING,
    ),
    AdoptionFact(
        "kingston-upon-hull",
        "reclaiming-social-work",
        Role.NOT_STATED,
        "Seed 002 (Harrow)",
        status=Status.IMPLEMENTING,
    ),
    AdoptionFact(
        "southwark",
        "reclaiming-social-work",
        Role.NOT_STATED,
        "Seed 002 (Harrow, impact evaluation)",
    ),
    AdoptionFact(
        "leeds",
        "family-valued",
        Role.NOT_STATED,
        "Seed 002 (Leeds)",
        dfe_programme=Funding.INNOVATION_PROGRAMME,
    ),
    AdoptionFact(
        "ealing",
        "brighter-futures",
        Role.NOT_STATED,
        "Seed 002 (Ealing)",
        services=("adoption-fostering", "adolescents"),
        dfe_programme=Funding.INNOVATION_PROGRAMME,
    ),
    AdoptionFact(
        "stockport",
        "stockport-family",
        Role.NOT_STATED,
        "Seed 002 (Stockport)",
        dfe_programme=Funding.INNOVATION_PROGRAMME,
    ),
    AdoptionFact(
        "islington",
        "doing-what-counts",
        Role.NOT_STATED,
        "Seed 003 §9; seed 002",
        dfe_programme=Funding.INNOVATION_PROGRAMME,
        notes="Funded by a central government innovation grant (seed 003 §9).",
    ),
    AdoptionFact(
        "newcastle-upon-tyne",
        "family-insights",
        Role.NOT_STATED,
        "Seed 002 (Newcastle)",
        dfe_programme=Funding.INNOVATION_PROGRAMME,
    ),
    AdoptionFact(
        "cheshire-east",
        "project-crewe",
        Role.NOT_STATED,
        "Seed 002 (Cheshire East)",
        dfe_programme=Funding.INNOVATION_PROGRAMME,
    ),
    AdoptionFact("waltham-forest", "strengthening-practice", Role.NOT_STATED, "Seed 003 §16"),
    *(
        AdoptionFact(
            slug,
            "systemic-practice",
            Role.NOT_STATED,
            "Seed 002 (Tri-borough Focus on Practice); seed 003 §22",
            dfe_programme=Funding.INNOVATION_PROGRAMME,
            notes="Tri-borough Focus on Practice: systemic training for 660 "
            "practitioners across three boroughs (seed 002).",
        )
        for slug in ("hammersmith-and-fulham", "kensington-and-chelsea", "westminster")
    ),
    *(
        AdoptionFact(slug, "systemic-practice", Role.NOT_STATED, _S003_22)
        for slug in ("lambeth", "croydon", "southwark", "harrow", "hackney")
    ),
    AdoptionFact(
        "city-of-london",
        "systemic-practice",
        _A,
        "Seed 003 §26-§32",
        status=Status.IN_DEVELOPMENT,
        as_at=CITY_REPORT,
        notes="Adopting systemic practice alongside other tools, with an in-house "
        "systemic psychotherapist.",
    ),
    AdoptionFact(
        "city-of-london",
        "signs-of-safety",
        _A,
        "Seed 003 §25-§26",
        as_at=CITY_REPORT,
        services=("child-protection",),
        notes="Uses Signs of Safety tools in child safeguarding work.",
    ),
    *(
        AdoptionFact(
            slug,
            "signs-of-safety",
            Role.NOT_STATED,
            _S003_13,
            dfe_programme=Funding.INNOVATION_PROGRAMME,
            as_at=CITY_REPORT,
        )
        for slug in (
            "brent",
            "bristol",
            "leicestershire",
            "lincolnshire",
            "norfolk",
            "suffolk",
            "tower-hamlets",
            "wakefield",
        )
    ),
)

# --- contacts (seed 001 §6) ---------------------------------------------------------------

_FSM = "family-safeguarding"
_SOS = "signs-of-safety"
_HA = "hampshire-approach"
_PSW = "Principal Social Worker"

CONTACTS = (
    ContactFact(
        "bracknell-forest",
        _FSM,
        "Ann-Marie Ali",
        "Lead Project Manager for Family Safeguarding Model",
        "Anne-marie.ali@bracknell-forest.gov.uk",
    ),
    ContactFact(
        "west-berkshire",
        _FSM,
        "Pete Campbell",
        "Head of Children & Family Services",
        "Pete.campbell1@westberks.gov.uk",
    ),
    ContactFact(
        "west-berkshire",
        _FSM,
        "Stephanie Atalla",
        "Service Manager",
        "Stephanie.atalla@westberks.gov.uk",
    ),
    ContactFact(
        "surrey",
        _FSM,
        "Neena Khosla",
        "Programme Director Family Safeguarding",
        "Neena.khosla@surreycc.gov.uk",
    ),
    ContactFact(
        "milton-keynes", _SOS, "Sophie Marshall", _PSW, "Sophie.marshall@milton-keynes.gov.uk"
    ),
    ContactFact(
        "wokingham",
        _SOS,
        "Rachel Oakley",
        "AD Quality Assurance and Safeguarding Standards",
        "Rachel.oakley@wokingham.gov.uk",
    ),
    ContactFact(
        "wokingham", _SOS, "Emma Hovell", "Project manager for SOS", "Emma.hovell@wokingham.gov.uk"
    ),
    ContactFact(
        "west-sussex", _SOS, "Lisa Reid", "Snr Improvement Lead", "Lisa.Reid@westsussex.gov.uk"
    ),
    ContactFact(
        "windsor-and-maidenhead",
        _SOS,
        "Shungu Chigocha",
        _PSW,
        "Shungu.chigocha@achievingforchildren.org.uk",
    ),
    ContactFact("medway", _SOS, "Amanda Mathur", _PSW, "Amanda.mathur@medway.gov.uk"),
    ContactFact("kent", _SOS, "Susan Ashmore", _PSW, "Susan.ashmore@kent.gov.uk"),
    ContactFact("hampshire", _HA, "Kavitha Maxy", _PSW, "Kavitha.maxy@hants.gov.uk"),
    ContactFact(
        "hampshire",
        _HA,
        "Step How",
        "Head of Strategy and Operations East",
        "Stephanie.how@hants.gov.uk",
    ),
    ContactFact(
        "isle-of-wight",
        _HA,
        "Kathy Marriott",
        "Head of Strategy and Operations Isle of Wight",
        "Kathy.marriott@iow.gov.uk",
    ),
    ContactFact("isle-of-wight", _HA, "Debbie Price", _PSW, "Debbie.price@iow.gov.uk"),
    ContactFact(
        "brighton-and-hove",
        "team-around-the-relationship",
        "Tom Stibbs",
        _PSW,
        "Tom.stibbs@brighton-hove.gov.uk",
    ),
    ContactFact(
        "east-sussex",
        "connected-practice",
        "Nicola McGeown",
        _PSW,
        "Nicola.mcgeown@eastsussex.gov.uk",
    ),
)

# --- themes (seed 000 §2, with the detail of seed 001) -----------------------------------

_F = Theme.Kind.FEATURE
_CH = Theme.Kind.CHALLENGE
_TABLE_MODELS = (
    "family-safeguarding",
    "restorative-practice",
    "signs-of-safety",
    "strengthening-families",
    "systemic-practice",
    "team-around-the-relationship",
    "connected-practice",
    "hampshire-approach",
    "trauma-informed-model-of-care",
)
_SE_AUTHORITIES = tuple(a.slug for a in AUTHORITIES if a.region == "South East")
_FSM_SE = ("bracknell-forest", "surrey", "west-berkshire")
_SOS_SE = ("medway", "milton-keynes", "west-sussex", "windsor-and-maidenhead", "wokingham", "kent")

THEMES = (
    ThemeFact(
        "relationship-based",
        _F,
        "Relationship-based practice",
        10,
        "Every model in the region treats meaningful relationships with children and "
        "families as what makes good practice and change possible.",
        "Seed 000 §2.1",
        _TABLE_MODELS,
        _SE_AUTHORITIES,
    ),
    ThemeFact(
        "practice-tools",
        _F,
        "Practice tools such as motivational interviewing",
        20,
        "Models rest on practice tools, motivational interviewing above all.",
        "Seed 000 §2.2; seed 001 §1.1.1, §3.1.1, §5.1.8",
        (
            "family-safeguarding",
            "signs-of-safety",
            "hampshire-approach",
            "connected-practice",
            "finding-safe-solutions",
        ),
        (*_FSM_SE, "oxfordshire", "hampshire", "east-sussex", "kent"),
    ),
    ThemeFact(
        "strengths-based",
        _F,
        "Strengths-based and solution-focused",
        30,
        "Most models start from families' strengths and look for solutions.",
        "Seed 000 §2.3; seed 001 §2.1.1, §3.1.2, §5.1.8",
        ("signs-of-safety", "hampshire-approach", "connected-practice", "finding-safe-solutions"),
        ("hampshire", "isle-of-wight", "east-sussex", *_SOS_SE),
    ),
    ThemeFact(
        "learning-culture",
        _F,
        "A learning culture with strong leadership",
        40,
        "Practice sits in an organisation that learns and supports staff, with visible "
        "senior leadership, continuing training and a model kept under review.",
        "Seed 000 §2.3; seed 001 §1.4.5, §2.3.20, §3.4.3, §4.1.7, §5.4.2",
        (
            "family-safeguarding",
            "signs-of-safety",
            "hampshire-approach",
            "team-around-the-relationship",
            "connected-practice",
        ),
        ("hampshire", "brighton-and-hove", "east-sussex"),
    ),
    ThemeFact(
        "workforce-impact",
        _F,
        "Success shown in the workforce",
        50,
        "Authorities often show success through lower caseloads, lower staff turnover "
        "and less reliance on agency staff.",
        "Seed 000 §2.4; seed 001 §1.3.14-§1.3.15, §3.3.5, §4.3.6, §5.3.3",
        (
            "family-safeguarding",
            "hampshire-approach",
            "team-around-the-relationship",
            "connected-practice",
        ),
        ("bracknell-forest", "west-berkshire", "hampshire", "brighton-and-hove", "east-sussex"),
    ),
    ThemeFact(
        "family-outcomes",
        _F,
        "Success shown in outcomes for families",
        60,
        "Fewer family breakdowns and children coming into care, and help at a lower "
        "level sooner: more children in need, fewer and shorter child protection plans.",
        "Seed 000 §2.5; seed 001 §1.3.14-§1.3.15, §2.3.24, §3.3.5, §4.3.4",
        (
            "family-safeguarding",
            "signs-of-safety",
            "hampshire-approach",
            "team-around-the-relationship",
        ),
        (
            "bracknell-forest",
            "west-berkshire",
            "milton-keynes",
            "wokingham",
            "hampshire",
            "brighton-and-hove",
        ),
    ),
    ThemeFact(
        "multi-disciplinary",
        _F,
        "Multi-disciplinary teams",
        70,
        "Adult specialists (mental health, domestic abuse, substance misuse) work in "
        "the same teams as children's social workers.",
        "Seed 001 §1.1.2, §3.2.6, §5.2.2; seed 002",
        ("family-safeguarding", "hampshire-approach", "connected-practice"),
        (*_FSM_SE, "hampshire", "east-sussex"),
    ),
    ThemeFact(
        "group-supervision",
        _F,
        "Group supervision and reflective case discussion",
        80,
        "Teams share risk and learning by discussing families together.",
        "Seed 001 §1.1.3, §4.1.8, §5.1.10; seed 002",
        (
            "family-safeguarding",
            "team-around-the-relationship",
            "connected-practice",
            "reclaiming-social-work",
        ),
        (*_FSM_SE, "brighton-and-hove", "east-sussex"),
    ),
    ThemeFact(
        "cultural-change",
        _CH,
        "Cultural change",
        10,
        "Changing how the organisation, its leaders and its practitioners behave takes "
        "longer than changing processes.",
        "Seed 000 §2.6; seed 001 §1.4.5-§1.4.6, §2.3.23, §3.4.4, §4.4.1",
        (
            "family-safeguarding",
            "signs-of-safety",
            "hampshire-approach",
            "team-around-the-relationship",
        ),
        (*_FSM_SE, "hampshire", "brighton-and-hove"),
    ),
    ThemeFact(
        "consistency-and-turnover",
        _CH,
        "Embedding the model consistently despite staff turnover",
        20,
        "Keeping practice consistent across teams and districts while staff come and go.",
        "Seed 000 §2.6; seed 001 §2.4.2, §3.4.5, §4.4.1",
        ("signs-of-safety", "hampshire-approach", "team-around-the-relationship"),
        ("hampshire", "brighton-and-hove"),
    ),
    ThemeFact(
        "ict-and-recording",
        _CH,
        "ICT and recording systems",
        30,
        "Forms, workflows and case recording systems have to change to fit the new "
        "practice, or workers do the work twice.",
        "Seed 000 §2.6; seed 001 §2.3.21, §2.5.1; seed 004 (health check, June 2016)",
        ("signs-of-safety", "team-around-the-relationship"),
        ("brighton-and-hove", *_SOS_SE),
    ),
    ThemeFact(
        "sustaining-change",
        _CH,
        "Sustaining change",
        40,
        "Keeping the model fresh and paying for continuing training and partner posts "
        "once the first push is over.",
        "Seed 000 §2.6; seed 001 §1.4.6, §2.4.3, §5.1.15, §5.4.9",
        ("family-safeguarding", "signs-of-safety", "connected-practice"),
        (*_FSM_SE, *_SOS_SE, "east-sussex"),
    ),
    ThemeFact(
        "evidencing-impact",
        _CH,
        "Evidencing impact in the short term",
        50,
        "Pressure to show results quickly, when outcomes for families take years to "
        "show and many measures mislead in the short term.",
        "Seed 000 §2.6; seed 001 §2.3.11, §2.5.2, §3.3.5; seed 002 (measuring what matters)",
        ("signs-of-safety", "hampshire-approach"),
        ("hampshire",),
    ),
    ThemeFact(
        "partner-funding",
        _CH,
        "Persuading and funding partners",
        60,
        "Convincing partner agencies of the benefit of multi-disciplinary teams and "
        "getting them to fund the posts.",
        "Seed 001 §1.4.6",
        ("family-safeguarding",),
        _FSM_SE,
    ),
    ThemeFact(
        "training-costs-and-fidelity",
        _CH,
        "Training costs and fidelity",
        70,
        "The cost of continuing training, and approval from a national programme that "
        "is costly, slow and can limit local flexibility.",
        "Seed 001 §2.4.3-§2.4.4",
        ("signs-of-safety",),
        _SOS_SE,
    ),
)
