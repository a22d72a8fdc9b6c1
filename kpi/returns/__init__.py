"""Aggregate returns, the figures authorities submit rather than records
(docs/kpi-specification.md §7): `figures` (one figure and its rules), `reading` (a CSV of
figures), `forms` (the form), `disclosure` (what a returned figure rests on) and
`services` (submitting a return)."""
