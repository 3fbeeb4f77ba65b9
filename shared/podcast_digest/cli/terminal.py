"""Printing strangers' text in a terminal: as text, never as Rich markup or control codes.

Feed titles, transcript lines, URLs and whatever a user typed reach the
screen. Rich would read `[/bold]` or `[link=…]` in them as markup (and crash
or draw a link), `:name:` as an emoji, and the terminal would act on an ESC
sequence. PlainConsole turns markup, emoji and highlighting off for every
string it prints, and `plain` strips C0/C1 control characters (keeping
newlines and tabs) from every string, so what arrives is exactly the text.
Our own decoration is built as rich Text with styles, never as markup.
"""

import re
from typing import Any

from rich.console import Console
from rich.text import Text

# C0 controls except \t and \n, DEL, and the C1 range (CSI, OSC… in their 8-bit forms).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: object) -> str:
    """The text with control characters removed (ESC, BEL, CR, 8-bit CSI…); newlines and tabs stay."""
    return _CONTROLS.sub("", str(value))


def one_line(value: object) -> str:
    """As plain, with newlines and tabs folded into spaces: for table cells and progress details."""
    return " ".join(plain(value).split())


def styled(*parts: str | tuple[str, str]) -> Text:
    """Text from plain strings and (string, style) pairs: our decoration around strangers' words."""
    return Text.assemble(*((plain(p), "") if isinstance(p, str) else (plain(p[0]), p[1]) for p in parts))


class PlainConsole(Console):
    """A Console whose strings are always plain text (see the module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs.update(markup=False, emoji=False)
        return super().render_str(plain(text), **kwargs)
