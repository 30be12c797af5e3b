"""kg: a knowledge-graph builder for news.

The library is the product; the `kg` command is a thin shell over it. Importing kg loads
no model and touches no network.

Its folders are the stages of the flow, each importing only the ones before it
(tests/test_layering.py holds the table):

    read -> extract -> rdf -> store -> build -> query / viz / check -> export -> cli

read/ turns files into Documents; extract/ finds their facts with spaCy; rdf/ maps facts
to triples; store/ keeps graphs (files, the embedded store, a SPARQL server); build/ runs
the job, extracting and mapping each document into the spool or the store (so the store
comes first); query/ asks, viz/ draws, check/ validates and evaluates; export/ writes other
formats; cli/ is the command. Beside them, what every stage shares: document.py and
facts.py (the data handed on), lexicon.py (the ontology's words as plain data), errors.py,
paths.py and util/ (atomic files, the killable child process).
"""

__version__ = "0.1.0"
