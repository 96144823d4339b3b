"""The story as web pages rendered on the server: plain HTML forms and links, no scripts."""
