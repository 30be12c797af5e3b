"""One family of errors, each knowing its exit code, so the CLI never shows a traceback.

Usage errors (exit 2) are mistakes in how kg was called; data errors (exit 1) are
problems with what it was given to read. Every message names the file and the fix.
"""


class KGError(Exception):
    """Base of every error kg raises on purpose."""

    exit_code = 1


class UsageError(KGError):
    """The command line asks for something impossible: a missing path, a bad option value."""

    exit_code = 2


class DataError(KGError):
    """An input cannot be read as news: empty, binary, badly encoded, malformed."""

    exit_code = 1


class ModelNotFound(UsageError):
    """No spaCy pipeline is installed under the requested or default names."""
