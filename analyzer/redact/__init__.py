"""Redaction for sharing bundles and reports: what to hide is learned from a bundle first
(learn.py), kept in a map file (mapfile.py) and applied member by member (redactor.py,
addresses.py, procnet.py, bundles.py)."""
