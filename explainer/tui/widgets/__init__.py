"""Widgets of the explainer app, one per module."""
