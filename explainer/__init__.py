"""explainer: a terminal text-adventure that walks a reader through a news article."""

__version__ = "0.1.0"
