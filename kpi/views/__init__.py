"""KPI pages, one module a room: `toolkit` (landing page, definitions), `submissions`
(cohort files), `returns` (aggregate returns) and `dashboards` (authority and regional)."""
