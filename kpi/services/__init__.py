"""Things that change KPI data, one module a job: `imports` (the import pipeline and its
background task, with `import_run`, one run over a file, and `import_report` for what it
tells the uploader), `recovery` (imports a dead worker left
behind), `withdrawal`, `values` (storing the indicator values the measures compute),
`toolkit` (loading the toolkit's definitions and cohorts), `loader` (the region's demo
data) and `retention` (the purge of old record-level data)."""
