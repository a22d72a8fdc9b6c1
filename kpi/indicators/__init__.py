"""The toolkit's indicators computed from record-level submissions (docs/kpi-specification.md
§6), one module per indicator family. Each runs ONE aggregate query grouped by cohort and returns
its quantities (QUANTITIES), what it publishes (MEASURES) and how its quantities relate
(RELATIONS). The registry (kpi/measures/registry.py) names every measure;
kpi/measures/computation.py puts the families together."""
