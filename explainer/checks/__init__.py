"""`check`: warnings about a loaded story, its words and its reading level."""
