"""The full-screen Textual app: the app, its screens, widgets, commands and themes."""
