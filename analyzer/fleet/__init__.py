"""Views of the loaded fleet: statistics per kernel build (fleetstats.py), timelines
(timeline.py), what changed between two bundles (diff.py) and one node at a glance (summary.py,
summary_text.py)."""
