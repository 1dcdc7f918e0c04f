"""What the translator raises, and its two ways between SQL text and syntax trees."""
import sqlglot

from sosql.errors import SosqlError


class Untranslatable(SosqlError):
    """A rule's SQL has something the Spark engine cannot run as DuckDB would: the reason."""


def spark_sql(node, dialect="spark"):
    """A syntax tree's text in Spark SQL (or `dialect`, for messages in the rule's own terms)."""
    return node.sql(dialect=dialect)


def to_spark(text):
    """Spark SQL text as a syntax tree, to put in place of a DuckDB one."""
    return sqlglot.parse_one(text, read="spark")
