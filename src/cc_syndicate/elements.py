"""What a page's elements carry, gathered in one pass over them (pure).

The styles (``css.PageStyles``: selectors, ``style`` and ``hidden`` attributes, hiding classes) and the
page reader (``pages``: classes, ids and roles that look like furniture) ask their questions of the same
elements. A loop over a page's elements in Python costs more than what is done with each one, so the
page is visited once, and its elements are grouped by the strings they carry: each distinct class list,
id or role is then read once, however many elements repeat it (menus repeat theirs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import lxml.etree


@dataclass(frozen=True, slots=True)
class Survey:
    """A page's elements grouped by what they carry; each group lists its elements in document order."""

    by_tag: dict[str, list[Any]]
    by_classes: dict[str, list[Any]]  # by ``class`` attribute as written (not empty)
    by_id: dict[str, list[Any]]       # by ``id`` (not empty)
    by_role: dict[str, list[Any]]     # by ``role`` as written (not empty)
    styled: list[Any]                 # with a ``style`` attribute
    hidden: list[Any]                 # with a ``hidden`` attribute


_GROUPED = frozenset({"class", "id", "role", "style", "hidden"})  # the attributes a survey reads


def survey(root: Any) -> Survey:
    """The elements of ``root``'s tree (``root`` included), grouped."""
    return group(root.iter(lxml.etree.Element))


def group(members: Iterable[Any]) -> Survey:
    """Some elements, grouped (each group in the order given)."""
    by_tag: dict[str, list[Any]] = defaultdict(list)
    by_classes: dict[str, list[Any]] = defaultdict(list)
    by_id: dict[str, list[Any]] = defaultdict(list)
    by_role: dict[str, list[Any]] = defaultdict(list)
    styled, hidden = [], []
    for el in members:
        by_tag[el.tag].append(el)
        # one look at the attributes an element has (most have none or a few) rather than five look-ups;
        # the others (href, src, data-*...) are passed over at once
        for name, value in el.items():
            if name not in _GROUPED:
                continue
            if name == "class":
                if value:
                    by_classes[value].append(el)
            elif name == "id":
                if value:
                    by_id[value].append(el)
            elif name == "role":
                if value:
                    by_role[value].append(el)
            elif name == "style":
                styled.append(el)
            else:
                hidden.append(el)
    return Survey(dict(by_tag), dict(by_classes), dict(by_id), dict(by_role), styled, hidden)
