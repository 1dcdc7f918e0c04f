"""Rules: SQL files whose rows are findings (the area folders here, read by rulefiles.py), run
over the store by checks.py under the limits of sandbox.py; security advisories in the OSV format
(advisories.py)."""
