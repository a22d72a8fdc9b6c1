"""A count with its noun in the right number, for messages written in Python ("1 finding",
"2 findings", "1,234 rows"). Templates use Django's `pluralize` filter for the same rule
(issue 23: never "1 findings" or "finding(s)")."""


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """`number` with thousands separators and `singular` or `plural` (default: `singular`
    plus "s") after it: count_of(1, "family", "families") == "1 family"."""
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {noun}"
