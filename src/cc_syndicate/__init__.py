"""cc-syndicate: check that republished copies of Creative Commons articles credit their source.

The Python API (see :mod:`cc_syndicate.api` and the README, "Embedding the check"): ``load_rules``,
``read_original`` and ``judge``. They are imported on first use, so ``import cc_syndicate`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["judge", "load_rules", "read_original"]

if TYPE_CHECKING:
    from .api import judge, load_rules, read_original


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        globals()[name] = value = getattr(api, name)  # once: later reads find it directly
        return value
    raise AttributeError(f"module 'cc_syndicate' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
