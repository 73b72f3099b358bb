"""Qt widgets only: they talk to ``services`` and never to ``store``."""
