"""What is worked out from a bundle's rows once its parsers have run, in its load's
transaction (pipeline.py runs the steps in order): the host facts (hostfacts.py, logyear.py),
absolute times (timestamps.py), events (events.py, event_patterns.tsv) and crash reports
(crashes.py, crash_store.py)."""
