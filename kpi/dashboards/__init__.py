"""The KPI dashboards: `selectors` (what they read), `presenters` (tables of figures, each
through kpi.disclosure.shown_to) and `charts` (server-drawn SVG line charts)."""
