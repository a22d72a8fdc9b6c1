"""Disclosure control (docs/kpi-specification.md §8): small cells hidden, and never recoverable by
subtraction from totals or from the parts of a split."""

from hypothesis import given
from hypothesis import strategies as st

from kpi.disclosure import Relation, Rules, cells_to_suppress
from kpi.models.values import ALL_COHORTS

COHORTS = ["Cohort 1", "Cohort 2", "Cohort 3"]
MEASURES = ["people", "cp_plans_active", "cp_plans_at_fs_start", "cp_plans_after_fs_start"]
SPLIT = Relation("cp_plans_active", ("cp_plans_at_fs_start", "cp_plans_after_fs_start"))
# Each of these measures shows one quantity of the same name.
RULES = Rules({measure: (measure,) for measure in MEASURES}, (SPLIT,))


def equations(cohorts: list[str], measures: list[str]) -> list[tuple[tuple, tuple]]:
    """(total, parts) over cell keys: every measure over the cohorts adds up to "all";
    the split adds up in every cohort and in all."""
    found = [((ALL_COHORTS, m), tuple((c, m) for c in cohorts)) for m in measures]
    for cohort in [*cohorts, ALL_COHORTS]:
        found.append(((cohort, SPLIT.total), tuple((cohort, part) for part in SPLIT.parts)))
    return found


def cells(people_by_cohort: dict[str, dict[str, int]]) -> dict[tuple[str, str], int]:
    out = {}
    for measure in MEASURES:
        total = 0
        for cohort in COHORTS:
            count = people_by_cohort[cohort][measure]
            out[(cohort, measure)] = count
            total += count
        out[(ALL_COHORTS, measure)] = total
    return out


def test_small_cell_hides_another_cohort_and_keeps_the_total():
    people = cells(
        {
            "Cohort 1": dict.fromkeys(MEASURES, 3),
            "Cohort 2": dict.fromkeys(MEASURES, 40),
            "Cohort 3": dict.fromkeys(MEASURES, 12),
        }
    )
    hidden = cells_to_suppress(people, RULES)
    assert ("Cohort 1", "people") in hidden  # 3 people: primary
    # Else 55 - 40 - 12 = 3 is revealed. The cohort resting on the fewest people is hidden
    # with it, not the "all cohorts" headline: 55 - 40 = 15 is Cohort 1 and 3 together.
    assert ("Cohort 3", "people") in hidden
    assert (ALL_COHORTS, "people") not in hidden
    assert ("Cohort 2", "people") not in hidden


def test_zero_is_shown_and_large_cells_are_shown():
    people = cells(
        {
            "Cohort 1": dict.fromkeys(MEASURES, 0),
            "Cohort 2": dict.fromkeys(MEASURES, 5),
            "Cohort 3": dict.fromkeys(MEASURES, 100),
        }
    )
    assert cells_to_suppress(people, RULES) == set()


def test_hidden_total_with_one_hidden_part_hides_a_second_part():
    # The total (4) is small; Cohort 1 (4) is small; Cohort 2 and 3 are 0: the total and
    # Cohort 1 are hidden, two unknowns in one equation: nothing is revealed.
    people = {
        (ALL_COHORTS, "people"): 4,
        ("Cohort 1", "people"): 4,
        ("Cohort 2", "people"): 0,
        ("Cohort 3", "people"): 0,
    }
    hidden = cells_to_suppress(people, RULES)
    assert hidden == {(ALL_COHORTS, "people"), ("Cohort 1", "people")}


def test_split_of_active_plans_is_protected():
    # at FS start rests on 2 children: hidden; after FS start must go too, or
    # active - after reveals it.
    people = {
        ("Cohort 1", "cp_plans_active"): 30,
        ("Cohort 1", "cp_plans_at_fs_start"): 2,
        ("Cohort 1", "cp_plans_after_fs_start"): 28,
    }
    hidden = cells_to_suppress(people, RULES)
    assert ("Cohort 1", "cp_plans_at_fs_start") in hidden
    assert len(hidden & set(people)) >= 2


counts = st.integers(0, 12)


@given(
    st.fixed_dictionaries(
        {cohort: st.fixed_dictionaries(dict.fromkeys(MEASURES, counts)) for cohort in COHORTS}
    )
)
def test_no_hidden_cell_can_be_recovered_by_subtraction(people_by_cohort):
    people = cells(people_by_cohort)
    hidden = cells_to_suppress(people, RULES)
    for key, count in people.items():
        if 1 <= count <= 4:
            assert key in hidden, key
    for total, parts in equations(COHORTS, MEASURES):
        hidden_members = [key for key in (total, *parts) if key in hidden]
        assert len(hidden_members) != 1, (total, parts)
