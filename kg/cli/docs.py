"""kg docs: the ontology reference, generated from ontology/kg.ttl, lexicon.ttl and shapes.ttl."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("docs")
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the reference to this file (atomically). Default: print it.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if the file given with -o is not what kg docs generates now.",
)
def docs_command(out: str | None, check: bool) -> None:
    """Write the ontology reference (Markdown) from the Turtle.

    Classes with their parents, properties with domain and range, trigger words per event
    class, the lexicon's known actors and places with their aliases, the alignments to
    schema.org, SEM, PROV-O and SKOS, and what the SHACL shapes guarantee. The same Turtle
    gives the same bytes. The project keeps its copy in docs/ontology.md:

    \b
        kg docs -o docs/ontology.md          regenerate it after editing ontology/
        kg docs -o docs/ontology.md --check  fail if it is stale
    """
    from kg.check.docs import render
    from kg.errors import DataError, UsageError
    from kg.paths import display
    from kg.util.fsutil import atomic_write

    text = render()
    if check:
        if out is None:
            raise UsageError("--check needs the file to compare: kg docs -o docs/ontology.md --check")
        try:
            current = Path(out).read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        except (OSError, UnicodeDecodeError) as err:
            raise DataError(
                f"{display(out)}: cannot be read ({err.__class__.__name__}); regenerate it with `kg docs -o {display(out)}`"
            ) from None
        if current != text:
            state = "is missing" if current is None else "is out of date"
            raise DataError(f"{display(out)} {state}; regenerate it with `kg docs -o {display(out)}`")
        click.echo(f"{display(out)} is current")
        return
    if out is None:
        click.echo(text, nl=False)
        return
    atomic_write(out, text)
    click.echo(f"Wrote {display(out)}")
