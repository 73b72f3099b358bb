"""The one exception type the app raises for bad user input."""

from __future__ import annotations


class ValidationError(ValueError):
    """Input a user gave (or a file held) that breaks a domain rule.

    ``field`` names the input so the UI can show the message next to it;
    ``message`` is a sentence a user can read and act on.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message
