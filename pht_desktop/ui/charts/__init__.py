"""matplotlib charts for the Progress pane; importing this package imports nothing heavy."""
