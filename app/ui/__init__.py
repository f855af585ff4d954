"""Carnet's window: thin Qt models, widgets and workers over app.core."""
