"""Editing the registry in the portal's own pages and API (issue 22): an authority's entry,
the models it uses, their notes and its contacts.

- `services`: one change, checked against the version it was read at (seslip/locking.py),
  with where it comes from (a source and a locator, or the authority's own statement),
  kept in the history.
- `sections`: what each editable section holds (fields, labels, which row).
- `forms`: the question pages' forms (one a section, each with the provenance questions).
- `views`, `urls`: "Your authority" and its question, check-answers, confirmation and
  conflict pages under /your-authority/.
- `api`: PATCH on an entry, an adoption and a contact, with ETag / If-Match.
"""
