"""Screens of the explainer app, one per module."""
