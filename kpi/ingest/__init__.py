"""Reading a cohort file into record tables, one module a step: `parsing` (CSV and XLSX,
problems), `columns` (the accepted columns), `checks` (each row on its own), `staging`
(the import's staging table), `assembly` (the cross-row rules in the database) and
`record_tables` (the split into record tables)."""
