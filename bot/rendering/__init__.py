"""Turning estimates into messages for each channel and language."""

from bot.rendering.estimate import (
    render_estimate,
    render_explanation,
    render_line_menu,
    render_rebates,
)
from bot.rendering.tips import render_tips

__all__ = [
    "render_estimate",
    "render_explanation",
    "render_line_menu",
    "render_rebates",
    "render_tips",
]
