"""The `kg` command: a thin shell over the library.
May import: any stage; nothing but kg.cli itself and kg.__main__ imports it.

Each command lives in its own module here and only parses options, calls the library and
prints. Errors the library raises on purpose (KGError) become one line on stderr and an
exit code: 2 for usage errors, 1 for data errors. No traceback reaches a user for their
own mistakes.
"""

from __future__ import annotations

import logging
import sys

import click

from kg import __version__
from kg.errors import KGError
from kg.paths import display


class KGGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as err:
            for line in str(err).splitlines() or [type(err).__name__]:
                click.echo(f"kg: error: {line}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            ctx.exit(1)
        except OSError as err:
            # What the system refused that kg did not foresee (a file vanishing mid-run, a
            # device error): still one line, naming the file.
            where = f"{display(err.filename)}: " if err.filename is not None else ""
            click.echo(f"kg: error: {where}{err.strerror or err}", err=True)
            ctx.exit(1)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build a knowledge graph of who did what to whom, where and when, from news articles.

    \b
    Start with:  kg build ARTICLES... -o output/
    Then:        kg query --list
                 kg viz --graph output/graph.ttl -o output/graph.html
                 kg stats --graph output/graph.ttl
    Check it:    kg validate --graph output/graph.ttl
    """


def _register() -> None:
    # One line per command module; each module defines one click command.
    from kg.cli.build import build_command
    from kg.cli.docs import docs_command
    from kg.cli.eval import eval_command
    from kg.cli.export import export_command
    from kg.cli.push import push_command
    from kg.cli.query import query_command
    from kg.cli.stats import stats_command
    from kg.cli.validate import validate_command
    from kg.cli.viz import viz_command

    main.add_command(build_command)
    main.add_command(eval_command)
    main.add_command(export_command)
    main.add_command(query_command)
    main.add_command(stats_command)
    main.add_command(viz_command)
    main.add_command(validate_command)
    main.add_command(docs_command)
    main.add_command(push_command)


_register()

# rdflib logs a warning with a traceback for each ill-typed literal it reads ("2014-02-31"^^xsd:date).
# A user of the command line never sees a traceback; `kg validate` reports such a literal itself.
logging.getLogger("rdflib").addHandler(logging.NullHandler())


def run() -> None:  # pragma: no cover - console entry point for `python -m kg`
    sys.exit(main())
