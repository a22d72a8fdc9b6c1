"""Hypothesis strategies for cohort files: small random families of children and adults
whose dates sit on and beside the spec's boundaries (FS start, qs, qe, six months, 365
and 730 days). Rows are file-shaped dicts keyed by field code, values already parsed."""

from datetime import date, timedelta

from hypothesis import strategies as st

from kpi.indicators.base import Window, six_months_before

COHORT_WINDOWS = [
    ("Cohort 1", date(2017, 10, 1), date(2017, 12, 31)),
    ("Cohort 2", date(2018, 1, 1), date(2018, 3, 31)),
    ("Cohort 3", date(2018, 10, 1), date(2018, 12, 31)),
]
QUARTERS = ["2017-Q4", "2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4", "2019-Q1", "2019-Q3"]


def days(low: int, high: int):
    return st.integers(low, high).map(lambda n: timedelta(days=n))


def near(*anchors: date):
    """A day at or just beside one of the anchors: where the spec's boundaries are."""
    return st.sampled_from(anchors).flatmap(
        lambda anchor: st.integers(-1, 1).map(lambda k: anchor + timedelta(days=k))
    )


def some_day(fs_start: date, window: Window):
    return (
        near(fs_start, window.qs, window.qe)
        | st.integers(0, (window.qe - window.qs).days).map(lambda n: window.qs + timedelta(days=n))
        | st.integers(-500, 500).map(lambda n: fs_start + timedelta(days=n))
    )


def in_quarter(window: Window):
    return st.integers(0, (window.qe - window.qs).days).map(lambda n: window.qs + timedelta(n))


@st.composite
def plans(draw, fs_start: date, window: Window, prefix: str, count: int):
    out = []
    for n in range(count):
        start = draw(some_day(fs_start, window))
        end = draw(
            st.none()
            | near(start, window.qs, window.qe, fs_start).filter(lambda d, s=start: d >= s)
            | days(0, 400).map(lambda d, s=start: s + d)
        )
        out.append((f"{prefix}{n}", start, end))
    return out


@st.composite
def child_rows(draw, family: str, person: str, fs_start: date, window: Window) -> list[dict]:
    base = {
        "R01": family,
        "D01": person,
        "R02": f"REF-{person}",
        "R03": fs_start,
        "D04": draw(st.sampled_from([None, 0, 4, 5, 6, 10, 15, 16, 17])),
        "X01": draw(st.sampled_from([False, False, False, True])),  # UASC: the exception
        "R15": draw(st.none() | days(1, 900).map(lambda d: fs_start - d)),
        "I01": draw(st.none() | st.integers(0, 5)),
        "I03": draw(st.none() | st.integers(0, 5)),
    }
    possible = draw(st.none() | st.integers(0, 130))
    if possible is not None:
        unauthorised = draw(st.integers(0, possible))
        authorised = draw(st.integers(0, possible - unauthorised))
        base.update(I15=unauthorised, I16=authorised, I17=possible)
    cp = draw(plans(fs_start, window, f"{person}-P", draw(st.integers(0, 3))))
    if cp and draw(st.booleans()):
        # Aim the previous plan's end at the 12- and 24-month boundaries of a new plan.
        gap = draw(st.sampled_from([364, 365, 366, 729, 730, 731]))
        if cp[0][1] - timedelta(days=gap) < fs_start:
            base["R15"] = cp[0][1] - timedelta(days=gap)
    care = draw(plans(fs_start, window, f"{person}-C", draw(st.integers(0, 2))))
    rows = []
    for index in range(max(1, len(cp), len(care))):
        row = dict(base)
        if index < len(cp):
            row.update(R10=cp[index][0], R11=cp[index][1], R12=cp[index][2])
        if index < len(care):
            row.update(R16=care[index][0], R17=care[index][1], R18=care[index][2])
        rows.append(row)
    return rows


def score(high: int):
    return st.none() | st.integers(0, high)


@st.composite
def adult_row(draw, family: str, person: str, fs_start: date, window: Window) -> dict:
    row = {"R01": family, "D01": person, "R02": None, "R03": fs_start}
    for code in ("I01", "I02", "I03", "I04", "I29", "I30", "I31", "X08", "X09"):
        row[code] = draw(st.none() | st.integers(0, 6))
    cutoff = six_months_before(window.qe)
    treatment = draw(
        st.sampled_from([None, "open", "closed", "closed in Q", "closed before the cutoff"])
    )
    if treatment in ("open", "closed", "closed in Q"):
        start = draw(some_day(fs_start, window))
        row["I25"] = start
        if treatment == "closed in Q":
            row["I26"] = draw(in_quarter(window).map(lambda d, s=start: max(d, s)))
        elif treatment == "closed":
            row["I26"] = draw(
                near(window.qs, window.qe, cutoff).filter(lambda d, s=start: d >= s)
                | days(0, 300).map(lambda d, s=start: s + d)
            )
        if "I26" in row:
            row["I27"] = draw(
                st.sampled_from(["Successful completion", "Dropped out", "Did not attend", "Other"])
            )
            row["I28"] = draw(st.none() | st.booleans())
    elif treatment is not None:
        # Completed around or before the six-month cutoff, so that re-presentation is
        # known by qe (KPI 10) often rather than rarely.
        end = draw(near(cutoff) | days(0, 200).map(lambda d: cutoff - d))
        row["I25"] = draw(days(0, 300).map(lambda d, e=end: e - d))
        row["I26"] = end
        row["I27"] = "Successful completion"
        row["I28"] = draw(st.none() | st.booleans())
    # A later score is often the same as the first: unchanged is an outcome too.
    for initial, later, high in (
        ("I32", "I33", 28),
        ("I35", "I36", 20),
        ("I38", "I39", 20),
        ("I41", "I42", 20),
        ("I44", "I45", 20),
        ("X02", "X04", 27),
        ("X05", "X07", 21),
    ):
        row[initial] = draw(score(high))
        row[later] = draw(score(high) | st.just(row[initial]))
    programme = draw(st.sampled_from([None, "ongoing", "ended", "ended before Q"]))
    if programme == "ended before Q":
        row["I48"] = draw(days(1, 120).map(lambda d: window.qs - d))
        row["I47"] = draw(days(0, 200).map(lambda d, e=row["I48"]: e - d))
        row["I49"] = draw(st.sampled_from(["Completed", "Not completed"]))
    elif programme is not None:
        row["I47"] = draw(some_day(fs_start, window))
        if programme == "ended":
            row["I48"] = draw(
                near(window.qs, window.qe).filter(lambda d, s=row["I47"]: d >= s)
                | days(0, 200).map(lambda d, s=row["I47"]: s + d)
                | in_quarter(window).map(lambda d, s=row["I47"]: max(d, s))
            )
            row["I49"] = draw(st.sampled_from(["Completed", "Not completed"]))
    row["I66"] = draw(st.none() | st.booleans())
    return row


@st.composite
def cohort_files(draw, window: Window) -> list[dict]:
    rows = []
    for f in range(draw(st.integers(1, 6))):
        _, first, last = draw(st.sampled_from(COHORT_WINDOWS))
        family_start = first + timedelta(days=draw(st.integers(0, (last - first).days)))
        for p in range(draw(st.integers(1, 4))):
            fs_start = family_start
            if p > 0:
                fs_start = draw(
                    near(window.qe).filter(lambda d, f=family_start: d >= f)
                    | days(0, 250).map(lambda d, f=family_start: f + d)
                )
            person = f"F{f}-{p}"
            if draw(st.booleans()):
                rows.extend(draw(child_rows(f"F{f}", person, fs_start, window)))
            else:
                rows.append(draw(adult_row(f"F{f}", person, fs_start, window)))
    return rows
