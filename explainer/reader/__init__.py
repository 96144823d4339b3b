"""The reader's state: the journey through a story, saves, settings, the story's shape."""
