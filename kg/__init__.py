"""kg: a knowledge-graph builder for news.

The library is the product; the `kg` command is a thin shell over it. Importing kg loads
no model and touches no network.
"""

__version__ = "0.1.0"
