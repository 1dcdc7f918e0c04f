"""The store: the table contract (schema/), the DuckDB catalog and the Parquet files of a
store folder (store.py, lines_files.py), a load's scratch database (scratch.py), and what every
sosql database shares (database.py; the SQL views and macros of views.py; version_cmp of
versions.py). The lowest stage: everything else reads or writes through it."""
