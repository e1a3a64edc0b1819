"""What reaches a terminal: text from strangers (titles, link texts, evidence, server headers) with every
character that could drive the terminal escaped.

An ESC or a C1 control starts a sequence that can clear the screen, move the cursor, retitle the window or
write the clipboard (OSC 52); a carriage return or a bidi override can make "violation" print where
"COMPLIANT" seems to stand. Each is written as ``\\uXXXX``: readable, and still valid inside a JSON string,
so the JSON outputs parse to the very characters the page held.
"""

from __future__ import annotations

import io
import re
from typing import TextIO

# C0 but tab and newline (layout), DEL, C1; bidi embeddings, overrides, isolates and marks; lone surrogates
# (an encoder would fail on them).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """``text`` with every control, bidi and lone surrogate character written as ``\\uXXXX``."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream(io.TextIOBase):
    """A text stream that escapes what is written to it; ``layout`` writes the CLI's own control
    characters (a progress bar's carriage return) as they are."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.stream.write(terminal_safe(text))
        return len(text)

    def layout(self, text: str) -> None:
        self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()
