"""`sosql redact`, and the redaction of a written report (sosql report --redact)."""
from pathlib import Path
from typing import List, Optional

import typer

from sosql.cli.common import app


@app.command()
def redact(paths: List[Path] = typer.Argument(..., exists=True, metavar="BUNDLE", help="Bundles to redact: archives, directories, folders of them."),
           out: Path = typer.Option(..., "--out", help="Folder for the redacted copies."),
           map_file: Path = typer.Option(Path("sosql-redaction-map.json"), "--map",
                                         help="The mapping (original -> replacement): reused if it exists, "
                                              "written back with mode 0600; keep it private, it is never put in --out."),
           keyword: Optional[List[str]] = typer.Option(None, "--keyword", help="Another word to replace (repeatable).")):
    """Write redacted copies of bundles: hostnames, domains, users, e-mails, IPv4 and IPv6
    addresses, MACs and keywords replaced consistently across all of them (a /24 stays a
    /24, hosts become host-N). A bundle that cannot be read gets one error line and exit
    code 1; the others are written. See docs/redaction.md.

    Example: sosql redact bundles/ --out shareable/ --map private/map.json --keyword acme
    """
    import time

    from sosql.redact import bundles as redaction
    started = time.monotonic()
    result, redactor = redaction.redact(paths, out, map_file, keyword or ())
    size = sum(p.stat().st_size for p in paths if p.is_file()) / 1e6
    for path in result.written:
        typer.echo(str(path))
    for name in result.left_out:
        typer.echo(f"sosql: note: left out, cannot be redacted (zstd or zip): {name}", err=True)
    for _, message in result.failed:
        typer.echo(f"sosql: error: {message}", err=True)
    typer.echo(f"redacted {len(result.written)} bundle(s), {len(result.failed)} failed, in "
               f"{time.monotonic() - started:.1f}s: {len(redactor.map['hostnames'])} hostnames, "
               f"{len(redactor.map['networks'])} networks, {len(redactor.map['macs'])} MACs; map in {map_file}"
               + (f" ({size:.1f} MB in)" if size else ""))
    if result.failed:
        raise typer.Exit(1)


def redact_report(out, map_file, hostnames, db):
    """Names in a written report replaced through the redaction map, which learns the report's
    hosts; the analyst's own paths (the bundles' and the store's, as loaded) become neutral
    names first: bundle-N and sosql-store."""
    import html

    from sosql.redact.mapfile import load_json
    from sosql.redact.redactor import Redactor, local_paths, write_map
    redactor = Redactor(load_json(Path(map_file).read_text(), map_file) if Path(map_file).exists() else None)
    text = Path(out).read_text(encoding="utf-8")
    for path, neutral in local_paths(db):
        for form in {path, html.escape(path), html.escape(path, quote=False)}:
            text = text.replace(form, neutral)
    for name in hostnames:
        redactor.learn(name)
    Path(out).write_text(redactor.text(text), encoding="utf-8")
    write_map(map_file, redactor.map)
