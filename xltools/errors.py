"""Errors whose message (Chinese) is shown to the user as it is, without a traceback."""


class UserError(Exception):
    """Bad input or misuse: the CLI prints the message and exits with status 2."""
