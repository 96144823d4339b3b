"""The story as data: its model, reading scene files and the glossary, matching terms."""
