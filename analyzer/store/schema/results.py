"""What the rules find, and each rule's run."""
from sosql.store.schema.table import table

TABLES = (
    table(
        "findings", "What the rules found: one row per finding.",
        ("bundle_id", "VARCHAR", "The bundle, or NULL for a fleet-level finding."),
        ("rule_id", "VARCHAR", "The rule's id (its file name without .sql)."),
        ("severity", "VARCHAR", "critical, high, medium, low or info."),
        ("title", "VARCHAR", "The rule's one-line title."),
        ("evidence", "VARCHAR", "The lines, values or rules that show the problem."),
        ("details", "JSON", "Any other columns the rule returned."),
        ("checked_at", "TIMESTAMP", "When the check ran (UTC)."),
    ),
    table(
        "rule_runs", "How each rule went for each bundle: fired, passed, not_evaluated (the data it needs "
        "is not in the bundle) or error.",
        ("bundle_id", "VARCHAR", "The bundle, or NULL for a fleet-level rule."),
        ("rule_id", "VARCHAR", "The rule's id."),
        ("status", "VARCHAR", "fired, passed, not_evaluated or error."),
        ("findings", "INTEGER", "Findings it produced for the bundle."),
        ("message", "VARCHAR", "Why it was not evaluated, or the error."),
        ("checked_at", "TIMESTAMP", "When the check ran (UTC)."),
    ),
)
