"""Loading bundles into a store: one bundle parsed and derived (ingest.py), batches of them in
scratch databases and staged Parquet files (bundle_load.py, lines_writer.py), in worker processes or
in-process (parallel.py), published into the store by its only writer (publish.py); loader.py is
the entry point."""
