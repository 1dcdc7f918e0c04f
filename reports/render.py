"""The HTML reports: one self-contained file each (inline CSS and SVG, no external fetch).

- fleet view (default): kernel audit with intervals and exact tests, crash signatures
  by build, what was found, filterable hosts, then each host's findings;
- host view (`host=`): findings with evidence, the event timeline, crash reports,
  then the node's facts.

Templates are Jinja2 with autoescaping on, so nothing from a bundle can inject
markup. Users can override any template by passing a folder holding a file of
the same name (`sosql report --templates DIR`).
"""
import math
from pathlib import Path

import jinja2

from sosql.reports import context

TEMPLATES = Path(__file__).with_name("templates")


def environment(template_dir=None):
    loaders = [jinja2.FileSystemLoader(str(template_dir))] if template_dir else []
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             finalize=_blank_none)
    env.globals["inf"] = math.inf
    return env


def _blank_none(value):
    """A missing value prints as nothing, never as 'None'."""
    return "" if value is None else value


def render(store, out, template_dir=None, host=None, stats=None):
    """Write the report to `out`; return the context it showed (for summaries and tests).
    `stats` computes the fleet statistics elsewhere (a Spark engine)."""
    data = context.host(store, host) if host else context.fleet(store, stats)
    template = "host.html.j2" if host else "report.html.j2"
    html = environment(template_dir).get_template(template).render(**data)
    Path(out).write_text(html, encoding="utf-8")
    return data
