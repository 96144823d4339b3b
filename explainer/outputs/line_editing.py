"""Line editing and history for line mode on a terminal, with the standard library's readline."""

from __future__ import annotations


def line_editing(names: list[str]) -> bool:
    """Turn on readline's editing and history, with Tab completing term names after g or d."""
    try:
        import readline
    except ImportError:  # not on every platform
        return False

    def complete(text: str, state: int) -> str | None:
        typed = readline.get_line_buffer()
        if typed[:2].lower() not in ("g ", "d "):
            return None
        matches = [name for name in names if name.casefold().startswith(typed[2:].casefold())]
        return typed[:2] + matches[state] if state < len(matches) else None  # the whole line is the word

    readline.set_completer(complete)
    readline.set_completer_delims("")
    readline.parse_and_bind("tab: complete")
    return True
