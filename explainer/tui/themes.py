"""The app's own theme, a high-contrast one for projectors, and the themes the t key steps through."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="high-contrast",
    # Black on white with strong, dark colours: what stays legible on a projector in a lit room.
    primary="#0030B0",
    secondary="#5A00A0",
    accent="#A00050",
    warning="#7A4000",
    error="#B00000",
    success="#006400",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#E6E6E6",
    dark=False,
    text_alpha=1.0,
    variables={
        "text": "auto 100%",
        "text-muted": "auto 80%",
        "text-primary": "#0030B0",
        "text-accent": "#A00050",
        "block-cursor-background": "#0030B0",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#C8D2F0",
        "block-cursor-blurred-foreground": "#000000",
        "footer-key-foreground": "#0030B0",
        "footer-description-foreground": "#000000",
        "footer-background": "#E6E6E6",
        "link-color": "#0030B0",
        "border": "#0030B0",
        "border-blurred": "#555555",
    },
)

CYCLE = ("textual-dark", "textual-light", HIGH_CONTRAST.name)
"""The themes the t key steps through; the command palette offers every theme."""


def next_theme(current: str) -> str:
    """The theme after ``current`` in :data:`CYCLE` (the first if it is not in the cycle)."""
    if current in CYCLE:
        return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)]
    return CYCLE[0]
