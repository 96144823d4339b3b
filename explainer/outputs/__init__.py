"""Front ends without Textual: line mode, the report, the handout, the web server."""
