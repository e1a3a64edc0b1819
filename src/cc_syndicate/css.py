"""The page's CSS, read for one question: can a reader see this element? (pure)

Style sheets and ``style`` attributes are read with tinycss2 (a CSS Syntax tokenizer: linear time,
escapes such as ``display:n\\6f ne``, comments and at-rules handled as browsers do) and selectors with
cssselect, compiled to XPath once per selector text. A light cascade per property (``!important``,
specificity, source order, inline style above rules) decides each element's declared values.

Precision comes first: a rule that holds only on some screens (``@media (max-width: …)``, ``:hover``)
may show an element but never hides one, and a value that cannot be known without a browser (``var()``,
``calc()``, a background image) never hides anything.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import cssselect
import lxml.etree
import tinycss2
import tinycss2.color4
from cssselect import parser as selector_tree

from . import elements
from .memo import by_short_text
from .models import Visibility

MAX_CSS_CHARS = 128_000   # of <style> text per page; a page's CSS beyond it is not read
MAX_CSS_RULES = 5_000     # style rules read per page
MAX_SELECTOR_CHARS = 2_000
MAX_VALUE_CHARS = 500
MAX_AT_RULE_DEPTH = 16    # @media inside @supports inside...: deeper blocks are not read

# Declarations that paint text otherwise than in its colour (gradient text, shadows, strokes).
_PAINTED_TEXT = ("background-clip", "-webkit-background-clip", "text-shadow", "-webkit-text-fill-color",
                 "-webkit-text-stroke")
# An element that fades or scales in (AOS, animate.css: ``opacity:0`` plus a transition a script
# starts) is shown to readers; so opacity, visibility and scale hide only what does not move.
_MOTION = ("transition", "transition-property", "animation", "animation-name")
# The properties that can hide text, or undo a hiding; every other declaration is dropped as soon as
# it is read.
PROPERTIES = frozenset(
    "display visibility opacity font-size font color background background-color clip clip-path height "
    "max-height width max-width overflow overflow-x overflow-y padding padding-top padding-bottom position "
    "left top right text-indent margin margin-left margin-top transform content-visibility".split()
) | frozenset(_PAINTED_TEXT) | frozenset(_MOTION)
SCREEN_READER_CLASSES = frozenset(
    {"sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "hidden", "d-none", "is-hidden", "hide"}
)
# "Shown from this breakpoint up" classes: ``d-none d-md-block`` (Bootstrap), ``hidden md:block``
# (Tailwind) are visible on wide screens.
_SHOWN_AT_BREAKPOINT = re.compile(r"^(?:d-(?:sm|md|lg|xl|xxl)-(?!none$)[a-z-]+|(?:sm|md|lg|xl|2xl):(?:inline-)?"
                                  r"(?:block|flex|grid|inline|table|contents|flow-root))$")
# States a reader can put an element in; rules that depend on them hold only sometimes.
_DYNAMIC_PSEUDO = re.compile(r":(?:hover|focus-within|focus-visible|focus|active|target|visited|checked)\b", re.I)
_UNKNOWABLE = re.compile(r"\b(?:var|calc|env|attr|min|max|clamp)\(")
_LENGTH = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)$")
_FUNCTION = re.compile(r"^([a-z-]+)\((.*)\)$", re.S)
_SCREEN_MEDIA = frozenset({"screen", "all"})
_FONT_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0,
                  "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0}

DEFAULT_FONT_PX = 16.0
NEAR_ZERO_FONT_PX = 2.4   # 0.15em of the default 16px
NEAR_ZERO_OPACITY = 0.1
OFF_SCREEN_PX = -999.0
COLOUR_TOLERANCE = 0.02   # per channel, 0..1: #fefefe on white is as invisible as white on white


# ---------------------------------------------------------------------------------------------
# Declarations
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Declaration:
    """One declaration of a property that can hide text; ``value`` is lower case, escapes resolved."""

    name: str
    value: str
    important: bool
    text: str  # as written, for evidence: ``display: none``


def _declarations(nodes: Iterable[Any]) -> tuple[Declaration, ...]:
    out = []
    for node in nodes:
        if node.type != "declaration" or node.lower_name not in PROPERTIES:
            continue
        written = _serialize(node.value)
        if written is None or len(written) > MAX_VALUE_CHARS:
            continue
        value = " ".join(written.lower().split())
        out.append(Declaration(node.lower_name, value, node.important, f"{node.name}:{written}"))
    return tuple(out)


@by_short_text(8192)
def inline_declarations(style: str) -> tuple[Declaration, ...]:
    """The declarations of a ``style`` attribute that can hide text."""
    return _declarations(_block_contents(style[:MAX_CSS_CHARS]))


def _serialize(tokens: list[Any]) -> str | None:
    """Tokens back to text; None for values nested too deep to serialize (tinycss2 recurses)."""
    try:
        return tinycss2.serialize(tokens).rstrip()
    except RecursionError:
        return None


def _block_contents(content: Any) -> list[Any]:
    return tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)


# ---------------------------------------------------------------------------------------------
# Selectors: parsed and compiled once per selector text, for every page
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selector:
    """A selector compiled right to left, as browsers match: a test of the element itself first (its
    tag, classes, id), then of its ancestors and siblings."""

    text: str
    test: str                           # an XPath step matching the selected element
    specificity: tuple[int, int, int]
    subject: frozenset[tuple[str, str]]  # ("id"|"class"|"tag", name) the element itself must carry
    needs: frozenset[tuple[str, str]]    # what the page must hold somewhere for a match
    dynamic: bool                        # holds only in a state (:hover, :focus, :checked...)
    within: frozenset[tuple[str, str]] = frozenset()  # what some ancestor of the element must carry
    plain: bool = False  # its subject is all there is to it (``div.a#b``): the page's index answers it

    @property
    def among(self) -> lxml.etree.XPath:
        """Those of ``$candidates`` that match, in document order: one evaluation for them all."""
        return _xpath(f"$candidates/self::{self.test}")

    @property
    def in_document(self) -> lxml.etree.XPath:
        return _xpath(f"descendant-or-self::{self.test}")

    @property
    def in_subtrees(self) -> lxml.etree.XPath:
        """Matches inside the elements of ``$scopes``, in document order, each once."""
        return _xpath(f"$scopes/descendant::{self.test}")


_TRANSLATOR = cssselect.HTMLTranslator()


@lru_cache(maxsize=100_000)
def _xpath(expression: str) -> lxml.etree.XPath:
    return lxml.etree.XPath(expression)


@lru_cache(maxsize=50_000)
def compile_selector(text: str) -> Selector | None:
    """A selector ready to evaluate, or None when it cannot select an element (a pseudo-element, an
    unsupported or broken selector). Compiled once per selector text, for every page."""
    plain = _DYNAMIC_PSEUDO.sub("", text)
    try:
        parsed = cssselect.parse(plain or "*")
        if len(parsed) != 1 or parsed[0].pseudo_element is not None:
            return None
        tree = parsed[0].parsed_tree
        test = _step(tree)
        _xpath(f"self::{test}")
    except (cssselect.SelectorError, cssselect.ExpressionError, lxml.etree.XPathError, ValueError, TypeError,
            RecursionError):
        return None
    subject = tree.subselector if isinstance(tree, selector_tree.CombinedSelector) else tree
    a, b, c = parsed[0].specificity()
    states = len(_DYNAMIC_PSEUDO.findall(text))  # each counts as a pseudo-class, though not matched here
    return Selector(text, test, (a, b + states, c), frozenset(_needs(subject)), frozenset(_needs(tree)), states > 0,
                    frozenset(_within(tree)), _is_plain(tree))


_PLAIN_TAG = re.compile(r"[a-z][a-z0-9-]*")


def _is_plain(tree: Any) -> bool:
    """Whether a selector is one compound of a tag, classes and an id alone, whose XPath test is exactly
    that its element carries them (a class name holding white space, which the XPath reads across two
    classes, excepted)."""
    keys = 0
    while isinstance(tree, (selector_tree.Class, selector_tree.Hash)):
        if isinstance(tree, selector_tree.Class) and (not tree.class_name or _XPATH_SPACE.search(tree.class_name)):
            return False
        keys += 1
        tree = tree.selector
    if not isinstance(tree, selector_tree.Element) or tree.namespace is not None:
        return False
    if tree.element not in {None, "*"}:
        if not _PLAIN_TAG.fullmatch(tree.element.lower()):
            return False
        keys += 1
    return keys > 0


def _within(tree: Any) -> Iterable[tuple[str, str]]:
    """The ids, classes and tags that ancestors of the selected element must carry: those of the
    compounds reached from the subject through descendant and child combinators only (``.a + .b c``:
    class b, not class a, which is on a sibling)."""
    while isinstance(tree, selector_tree.CombinedSelector) and tree.combinator in {" ", ">"}:
        left = tree.selector
        compound = left.subselector if isinstance(left, selector_tree.CombinedSelector) else left
        yield from _needs(compound)
        tree = left


_REVERSED_AXES = {" ": "ancestor::", ">": "parent::", "~": "preceding-sibling::"}


def _step(tree: Any) -> str:
    """An XPath step that holds for the element a selector selects: ``.a > p.b`` becomes
    ``p[class b][parent::*[class a]]``."""
    if isinstance(tree, selector_tree.CombinedSelector):
        right, left = _step(tree.subselector), _step(tree.selector)
        if tree.combinator in _REVERSED_AXES:
            return f"{right}[{_REVERSED_AXES[tree.combinator]}{left}]"
        if tree.combinator == "+":
            return f"{right}[preceding-sibling::*[1][self::{left}]]"
        raise cssselect.ExpressionError(f"combinator {tree.combinator!r}")
    expr = _TRANSLATOR.xpath(tree)
    if expr.path:
        raise cssselect.ExpressionError("not a compound selector")
    return f"{expr.element}[{expr.condition}]" if expr.condition else str(expr.element)


def _needs(tree: Any) -> Iterable[tuple[str, str]]:
    """The ids, classes and tags that every compound of a selector requires (``.a > p.b`` needs class a,
    class b and tag p on the page), so that a selector the page cannot match is never evaluated."""
    while tree is not None:
        if isinstance(tree, selector_tree.CombinedSelector):
            yield from _needs(tree.subselector)
        elif isinstance(tree, selector_tree.Hash):
            yield "id", tree.id
        elif isinstance(tree, selector_tree.Class):
            yield "class", tree.class_name
        elif isinstance(tree, selector_tree.Element):
            if tree.element and tree.element != "*":
                yield "tag", tree.element.lower()
            return
        tree = getattr(tree, "selector", None)


# ---------------------------------------------------------------------------------------------
# Style sheets
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StyleRule:
    """A rule's selectors and its declarations that can take part in hiding, in three groups: those
    that hide by themselves (``display:none``, ``height:0``), colours (which hide only in pairs, judged
    per page), and the rest, which can only undo a hiding (``display:block``, ``font-size:14px``)."""

    selectors: tuple[Selector, ...]  # compiled once with the sheet; those that cannot select left out
    starts: tuple[Declaration, ...]
    colours: tuple[Declaration, ...]
    undoes: tuple[Declaration, ...]
    conditional: bool  # holds only on some screens: it may show an element, never hide one

    @classmethod
    def of(cls, texts: tuple[str, ...], declarations: tuple[Declaration, ...], conditional: bool) -> StyleRule:
        selectors = tuple(s for s in map(compile_selector, texts) if s is not None)
        colours = tuple(d for d in declarations if d.name in _COLOURS)
        starts = tuple(d for d in declarations if d.name not in _COLOURS and _may_start(d))
        undoes = tuple(d for d in declarations if d.name not in _COLOURS and not _may_start(d))
        return cls(selectors, starts, colours, undoes, conditional)


@dataclass(frozen=True)
class Sheet:
    rules: tuple[StyleRule, ...]
    text_colours: frozenset[tuple[int, int, int]]  # colour keys, for finding text drawn on its own colour
    backgrounds: frozenset[tuple[int, int, int]]


def _may_start(d: Declaration) -> bool:
    """Whether a declaration can start a hiding; an opacity of a half or less may, once multiplied."""
    if d.name == "opacity":
        m = _LENGTH.match(d.value)
        return bool(m) and float(m.group(1)) / (100 if m.group(2) == "%" else 1) <= 0.5  # type: ignore[union-attr]
    return hides(d.name, d.value)


def _media_applies(prelude: str) -> str | None:
    """Whether rules under this media query list hold on screens: ``"always"``, ``"sometimes"`` (a
    feature such as ``(max-width: 600px)``, or a negation), or None (``print``, ``speech``...)."""
    verdicts = set()
    for query in (prelude or "all").lower().split(","):
        words = query.replace("(", " (").split()
        negated = words[:1] == ["not"]
        if words[:1] in (["not"], ["only"]):
            words = words[1:]
        media = words[0] if words and not words[0].startswith("(") else "all"
        features = "(" in query
        if negated and not features:
            verdicts.add(None if media in _SCREEN_MEDIA else "always")  # "not print" holds on screens
        elif negated or media in _SCREEN_MEDIA:
            verdicts.add("sometimes" if features or negated else "always")
    return "always" if "always" in verdicts else "sometimes" if "sometimes" in verdicts else None


def _split_selectors(prelude: list[Any]) -> tuple[str, ...]:
    """The comma-separated selectors of a rule's prelude, as written."""
    groups: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    texts = ((_serialize(g) or "").strip() for g in groups)
    return tuple(t for t in texts if t and len(t) <= MAX_SELECTOR_CHARS)


class _RuleReader:
    def __init__(self) -> None:
        self.rules: list[StyleRule] = []
        self.read_rules = 0

    def read(self, nodes: Iterable[Any], conditional: bool, depth: int = 0) -> None:
        for node in nodes:
            if self.read_rules >= MAX_CSS_RULES:
                return
            if node.type == "qualified-rule":
                self.read_rules += 1
                self._style_rule(node, conditional)
            elif node.type == "at-rule" and node.content is not None and depth < MAX_AT_RULE_DEPTH:
                self._at_rule(node, conditional, depth + 1)

    def _style_rule(self, node: Any, conditional: bool) -> None:
        declarations = _declarations(_block_contents(node.content))
        if declarations:
            self.rules.append(StyleRule.of(_split_selectors(node.prelude), declarations, conditional))

    def _at_rule(self, node: Any, conditional: bool, depth: int) -> None:
        name = node.lower_at_keyword
        if name == "media":
            prelude = _serialize(node.prelude)
            applies = _media_applies(prelude.strip()) if prelude is not None else None
            if applies is None:
                return
            conditional = conditional or applies == "sometimes"
        elif name == "container":
            conditional = True
        elif name not in {"supports", "layer", "scope", "document", "-moz-document"}:
            return  # @font-face, @keyframes, @page...: no rules for elements
        self.read(_block_contents(node.content), conditional, depth)


_SHEETS: dict[bytes, tuple[Sheet, int]] = {}  # by digest of the text: the sheet and its length
_SHEETS_LOCK = threading.Lock()
_SHEETS_KEPT_CHARS = 8_000_000  # of CSS text whose rules are kept (about 30 MB of memory)


def read_sheet(css: str, conditional: bool = False) -> Sheet:
    """One style sheet (cut at the budget), kept for the next pages of the same site: tokenizing is
    most of the cost of reading a page's CSS."""
    css = css[:MAX_CSS_CHARS]
    scope = b"c" if conditional else b"u"
    key = hashlib.blake2b(css.encode("utf-8", "surrogatepass"), digest_size=16, person=scope).digest()
    found = _SHEETS.get(key)
    if found is not None:
        return found[0]
    reader = _RuleReader()
    reader.read(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), conditional)
    sheet = Sheet(tuple(reader.rules), *_colour_keys(d for r in reader.rules for d in r.colours))
    with _SHEETS_LOCK:
        _SHEETS[key] = (sheet, len(css))
        kept = sum(size for _, size in _SHEETS.values())
        while kept > _SHEETS_KEPT_CHARS:
            kept -= _SHEETS.pop(next(iter(_SHEETS)))[1]
    return sheet


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------


def _length_px(value: str, font_px: float | None = DEFAULT_FONT_PX) -> float | None:
    """A length in CSS pixels; None when it cannot be known here (percentages of a box, var()...)."""
    m = _LENGTH.match(value.strip())
    if not m:
        return None
    number, unit = float(m.group(1)), m.group(2)
    if unit in {"", "px"}:
        return number if unit or number == 0 else None
    factor = {"pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6}.get(unit)
    if factor:
        return number * factor
    if unit in {"em", "rem", "ex", "ch"} and font_px is not None:
        return number * (DEFAULT_FONT_PX if unit == "rem" else font_px) * (0.5 if unit in {"ex", "ch"} else 1.0)
    return None


def _font_px(value: str, parent_px: float | None) -> float | None:
    """The computed font size in pixels, or None when unknown (treated as readable)."""
    if value in _FONT_KEYWORDS:
        return _FONT_KEYWORDS[value]
    if value in {"inherit", "unset", "revert", "revert-layer"}:
        return parent_px
    if value == "initial":
        return DEFAULT_FONT_PX
    if parent_px is not None and value in {"smaller", "larger"}:
        return parent_px * (1 / 1.2 if value == "smaller" else 1.2)
    m = _LENGTH.match(value)
    if m and m.group(2) == "%":
        return None if parent_px is None else float(m.group(1)) / 100 * parent_px
    if m and m.group(2) == "rem":
        return float(m.group(1)) * DEFAULT_FONT_PX
    return _length_px(value, parent_px)


def _font_shorthand_size(value: str) -> str | None:
    """The size in ``font: italic bold 0/0 a``: the first word before the slash that is a size
    (a bare number is a weight, ``0`` excepted)."""
    for word in value.replace("/", " / ").split():
        if word == "/":
            break
        m = _LENGTH.match(word)
        if word in _FONT_KEYWORDS or m and (m.group(2) or float(m.group(1)) == 0):
            return word
    return None


Colour = tuple[float, float, float, float]
UNKNOWN_COLOUR: Colour = (-1.0, -1.0, -1.0, -1.0)


@by_short_text(4096)
def _colour(value: str) -> Colour | None:
    """An sRGB colour with alpha, None for ``currentcolor``/inherit, UNKNOWN for anything else."""
    if value in {"inherit", "unset", "currentcolor", "revert", "revert-layer"}:
        return None
    try:
        parsed = tinycss2.color4.parse_color(value)
    except (ValueError, TypeError, ZeroDivisionError):
        parsed = None
    if parsed is None or not hasattr(parsed, "to"):
        return UNKNOWN_COLOUR
    try:
        red, green, blue = parsed.to("srgb").coordinates
    except (ValueError, TypeError, ZeroDivisionError):
        return UNKNOWN_COLOUR
    return (float(red), float(green), float(blue), float(parsed.alpha))


def _background(value: str) -> Colour:
    """The colour a ``background`` paints under the text; UNKNOWN for images and gradients."""
    if "url(" in value or "gradient(" in value or "image(" in value or "image-set(" in value:
        return UNKNOWN_COLOUR
    for word in reversed(_top_level_words(value)):
        colour = _colour(word)
        if colour is not None and colour != UNKNOWN_COLOUR:
            return colour
    return (0.0, 0.0, 0.0, 0.0) if value in {"none", "transparent"} else UNKNOWN_COLOUR


def _top_level_words(value: str) -> list[str]:
    """Space-separated words, keeping ``rgb(1 2 3)`` in one piece."""
    words, depth, current = [], 0, []
    for part in value.replace("(", "( ").replace(")", " )").split():
        depth += part.endswith("(") - (part == ")")
        current.append(part)
        if depth <= 0:
            words.append(" ".join(current).replace("( ", "(").replace(" )", ")"))
            current, depth = [], 0
    return words


def _same_colour(a: Colour, b: Colour) -> bool:
    return all(abs(x - y) <= COLOUR_TOLERANCE for x, y in zip(a[:3], b[:3], strict=True))


def _percent(word: str) -> float | None:
    m = _LENGTH.match(word)
    if m and m.group(2) == "%":
        return float(m.group(1))
    return 0.0 if m and float(m.group(1)) == 0 else None


def _clip_path_hides(value: str) -> bool:
    m = _FUNCTION.match(value)
    if not m:
        return False
    name, args = m.group(1), m.group(2)
    if name == "inset":
        sides = [_percent(w) for w in args.split(" round ")[0].split()[:4]]
        if not sides or None in sides:
            return False
        top, right, bottom, left = (sides * 4)[:4] if len(sides) == 1 else (
            [sides[0], sides[1], sides[0], sides[1]] if len(sides) == 2 else
            [sides[0], sides[1], sides[2], sides[1]] if len(sides) == 3 else sides)
        return top + bottom >= 100 or left + right >= 100  # type: ignore[operator]
    if name in {"circle", "ellipse"}:
        radii = args.split(" at ")[0].split()
        return bool(radii) and any(_length_px(r) == 0 or _percent(r) == 0 for r in radii)
    if name == "polygon":
        rule = ("nonzero", "evenodd")
        points = {" ".join(p.split()) for p in args.split(",") if p.strip() and not p.strip().startswith(rule)}
        return len(points) < 3
    return False


def _clip_hides(value: str) -> bool:
    m = _FUNCTION.match(value)
    if not m or m.group(1) != "rect":
        return False
    edges = [_length_px(w) for w in m.group(2).replace(",", " ").split()]
    if len(edges) != 4:
        return False
    top, right, bottom, left = edges
    narrow = right is not None and left is not None and right - left <= 1
    flat = bottom is not None and top is not None and bottom - top <= 1
    return narrow or flat


def _transform_hides(value: str) -> bool:
    for function in re.findall(r"(scale[xy]?|scale3d)\(([^()]*)\)", value):
        args = [a.strip() for a in function[1].split(",")] if "," in function[1] else function[1].split()
        numbers = [float(a) for a in args if _LENGTH.match(a) and not _LENGTH.match(a).group(2)]  # type: ignore[union-attr]
        if numbers and any(abs(n) < 0.01 for n in numbers[:2]):
            return True
    return False


def _tiny(value: str) -> bool:
    px = _length_px(value)
    return px is not None and px <= 1


def _far_off(value: str) -> bool:
    px = _length_px(value)
    return px is not None and px <= OFF_SCREEN_PX


def hides(name: str, value: str) -> bool:
    """Whether this one declaration, alone, is a way of hiding (the others it needs aside)."""
    if _UNKNOWABLE.search(value):
        return False
    if name == "display":
        return value == "none"
    if name == "visibility":
        return value in {"hidden", "collapse"}
    if name == "opacity":
        m = _LENGTH.match(value)
        return bool(m) and (float(m.group(1)) / (100 if m.group(2) == "%" else 1)) <= NEAR_ZERO_OPACITY  # type: ignore[union-attr]
    if name in {"font-size", "font"}:
        size = value if name == "font-size" else _font_shorthand_size(value)
        px = _font_px(size, DEFAULT_FONT_PX) if size else None
        return px is not None and px <= NEAR_ZERO_FONT_PX
    if name in {"height", "max-height", "width", "max-width"}:
        return _tiny(value)
    if name.startswith("overflow"):
        return any(w in {"hidden", "clip"} for w in value.split())
    if name == "position":
        return value in {"absolute", "fixed"}
    if name in {"left", "top", "right", "text-indent", "margin-left", "margin-top"}:
        return _far_off(value)
    if name == "margin":
        return any(_far_off(w) for w in value.split())
    if name == "clip-path":
        return _clip_path_hides(value)
    if name == "clip":
        return _clip_hides(value)
    if name == "transform":
        return _transform_hides(value)
    if name == "content-visibility":
        return value == "hidden"
    return False  # colours hide only in pairs, see Computed


# ---------------------------------------------------------------------------------------------
# The cascade and the computed state that children inherit
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hiding:
    """Why a reader cannot see an element: the kind and the human reason. ``sticky`` hidings cover the
    whole subtree (display:none, opacity...); the others (visibility, font size, colour, indent) a
    descendant can undo."""

    visibility: Visibility
    reason: str
    sticky: bool = True


@dataclass(frozen=True, slots=True)
class _Value:
    value: str
    weight: tuple[int, ...]  # (important, inline, a, b, c, order): compared as the cascade does
    source: str              # the selector; "" for the style attribute, "<ua>" for the hidden attribute
    text: str                # the declaration as written

    def hiding(self, sticky: bool = True) -> Hiding:
        if self.source == "<ua>":
            return Hiding(Visibility.ATTRIBUTE, "hidden attribute", sticky)
        if not self.source:
            return Hiding(Visibility.INLINE_STYLE, f"inline style {self.text.strip()}", sticky)
        return Hiding(Visibility.STYLESHEET, f"hidden by the page's CSS rule '{self.source}'", sticky)


_UNKNOWN = _Value("unknown", (-9,), "", "")  # a colour a conditional rule may change: judge nothing by it
_COLOURS = frozenset({"color", "background", "background-color"})


@dataclass(frozen=True, slots=True)
class Computed:
    """What an element passes to its children, and whether its own text is hidden."""

    hiding: Hiding | None = None
    visibility: Hiding | None = None   # visibility:hidden inherited (a child may say visible)
    font_px: float | None = DEFAULT_FONT_PX  # None: unknown, taken as readable
    font: Hiding | None = None         # a near-zero font size inherited
    colour: Colour | None = None       # None: the default text colour
    colour_source: _Value | None = None
    colour_depth: int = 0
    background: Colour | None = None   # the nearest declared background; None: none declared
    background_depth: int = 0
    indent: Hiding | None = None       # a text-indent that throws the text off screen
    opacity: float = 1.0


ROOT = Computed()
# Elements the browser's own style sheet colours: a link is blue, a button has its own background.
UA_COLOUR = frozenset({"a", "mark", "button", "input", "select", "textarea"})
_UA_BACKGROUND = frozenset({"mark", "button", "input", "select", "textarea"})


def _colour_key(colour: Colour | None) -> tuple[int, int, int] | None:
    if colour is None or colour == UNKNOWN_COLOUR:
        return None
    return round(colour[0] * 50), round(colour[1] * 50), round(colour[2] * 50)


def _colour_keys(declarations: Iterable[Declaration]) -> tuple[frozenset[Any], frozenset[Any]]:
    """The text colours and the opaque backgrounds declared."""
    text, grounds = set(), set()
    for d in declarations:
        if d.name == "color":
            text.add(_colour_key(_colour(d.value)))
        elif (ground := _background(d.value))[3] == 1:
            grounds.add(_colour_key(ground))
    return frozenset(text - {None}), frozenset(grounds - {None})


# Properties whose hiding a descendant inherits, and may undo: its subtree must be read for undoing rules.
_INHERITED = frozenset({"visibility", "font-size", "font", "text-indent", "color"})


class PageStyles:
    """The cascaded values of a page's elements, from its ``<style>`` elements and ``style`` attributes.

    Rules are matched in two rounds: first the declarations that can hide (few), then those that can
    only undo a hiding, on the elements the first round found and, for inherited properties, their
    descendants. A page's many ``display:flex`` and ``color`` rules are never matched against the
    whole page when nothing on it is hidden."""

    def __init__(self, root: Any, survey: elements.Survey) -> None:
        """``survey``: of ``root`` (the page reader shares its own)."""
        self._declared: dict[Any, dict[str, _Value]] = {}
        self._shows: dict[Any, dict[str, list[_Value]]] = {}  # from rules that hold only sometimes
        sheets = self._sheets(root)
        rules = [rule for sheet in sheets for rule in sheet.rules][:MAX_CSS_RULES]
        self._inline = {el: inline_declarations(el.get("style")) for el in survey.styled}
        if rules:
            self._cascade(root, survey, rules, self._colour_starts(sheets))
        self._declaring = self._declared.keys() | self._shows.keys() | self._inline.keys()
        class_hidden = (el for classes, group in survey.by_classes.items() if _class_hiding(classes) for el in group)
        # every element whose style may differ from what it inherits, but for the browser's own colours
        # of UA_COLOUR tags: the walk computes no other element's style
        self.styled = self._declaring | set(survey.hidden) | set(class_hidden)

    @staticmethod
    def _sheets(root: Any) -> list[Sheet]:
        sheets: list[Sheet] = []
        budget, count = MAX_CSS_CHARS, 0
        for style in root.iter("style"):
            if any(True for _ in style.iterancestors("noscript", "template")):
                continue  # scripts run in browsers, so <noscript> is not rendered
            applies = _media_applies(style.get("media") or "")
            css = (style.text or "")[:budget]
            if applies is None or not css.strip():
                continue
            budget -= len(css)
            sheets.append(read_sheet(css, applies == "sometimes"))
            count += len(sheets[-1].rules)
            if budget <= 0 or count >= MAX_CSS_RULES:
                break
        return sheets

    def _colour_starts(self, sheets: list[Sheet]) -> Any:
        """A test for colour declarations that can hide on this page: a text colour that some background
        has, a background that some text has, a transparent text colour."""
        inline = _colour_keys(d for ds in self._inline.values() for d in ds if d.name in _COLOURS)
        text = set(inline[0]).union(*(s.text_colours for s in sheets))
        grounds = set(inline[1]).union(*(s.backgrounds for s in sheets))

        def starts(d: Declaration) -> bool:
            if d.name == "color":
                colour = _colour(d.value)
                return _colour_key(colour) in grounds or (colour is not None and colour != UNKNOWN_COLOUR
                                                          and colour[3] <= NEAR_ZERO_OPACITY)
            return _colour_key(_background(d.value)) in text

        return starts

    def _cascade(self, root: Any, survey: elements.Survey, rules: list[StyleRule], colour_starts: Any) -> None:
        index = _survey_index(survey)
        on_page = index.keys()
        later: list[tuple[int, StyleRule, tuple[Selector, ...], tuple[Declaration, ...]]] = []
        for order, rule in enumerate(rules):
            # the selectors whose ids, classes and tags the page holds: no other can match anything
            live = tuple(s for s in rule.selectors if on_page >= s.needs)
            if not live:
                continue
            colours = tuple(d for d in rule.colours if colour_starts(d)) if not rule.conditional else ()
            if not rule.conditional and (rule.starts or colours):
                self._apply(rule, live, rule.starts + colours, order, lambda s: _select(root, s, index, None))
            rest = rule.undoes + tuple(d for d in rule.colours if d not in colours)
            if rest:
                later.append((order, rule, live, rest))
        targets = self._targets(root, survey.hidden)
        if not targets or not later:
            return
        target_index = _index(targets)
        for order, rule, live, declarations in later:
            self._apply(rule, live, declarations, order, lambda s: _select(root, s, index, target_index, targets))

    def _apply(self, rule: StyleRule, selectors: tuple[Selector, ...], declarations: tuple[Declaration, ...],
               order: int, select: Any) -> None:
        for selector in selectors:
            matched = select(selector)
            if not matched:
                continue
            conditional = rule.conditional or selector.dynamic
            for declaration in declarations:
                if conditional and _may_start(declaration) and declaration.name not in _COLOURS:
                    continue  # a rule that holds only sometimes never hides
                value = _Value(declaration.value, (int(declaration.important), 0, *selector.specificity, order),
                               selector.text, declaration.text)
                for el in matched:
                    self._declare(el, declaration.name, value, conditional)

    def _targets(self, root: Any, hidden: list[Any]) -> set[Any]:
        """The elements where undoing rules matter: those with a declaration that can hide, the
        ``hidden`` ones, and the descendants of those whose hiding a descendant inherits."""
        starts: dict[Any, dict[str, str]] = {el: {n: v.value for n, v in values.items()}
                                            for el, values in self._declared.items()}
        for el, declarations in self._inline.items():
            for d in declarations:
                if d.name in _COLOURS or _may_start(d):
                    starts.setdefault(el, {})[d.name] = d.value
        targets = set(starts)
        targets.update(hidden)
        inherited = {el for el, values in starts.items() if self._hiding_inherited(el, values, starts)}
        if inherited:
            inside: set[Any] = set()
            for el in root.iter(lxml.etree.Element):
                if el in inherited or el.getparent() in inside:
                    inside.add(el)
            targets |= inside
        return targets

    @staticmethod
    def _hiding_inherited(el: Any, values: dict[str, str], starts: dict[Any, dict[str, str]]) -> bool:
        """Whether the hiding that starts at ``el`` passes to its descendants: visibility, font size and
        indent do; a text colour does when it is transparent or when the element, or an ancestor,
        declares a background of that colour."""
        names = _INHERITED.intersection(values)
        if names - {"color"}:
            return True
        if not names:
            return False
        colour = _colour(values["color"])
        if colour is None or colour == UNKNOWN_COLOUR:
            return False
        if colour[3] <= NEAR_ZERO_OPACITY:
            return True
        for box in (el, *el.iterancestors()):
            grounds = starts.get(box, {})
            for name in ("background-color", "background"):
                if name in grounds and _same_colour(colour, _background(grounds[name])):
                    return True
        return False

    def _declare(self, el: Any, name: str, value: _Value, conditional: bool) -> None:
        if conditional:
            self._shows.setdefault(el, {}).setdefault(name, []).append(value)
            return
        values = self._declared.setdefault(el, {})
        current = values.get(name)
        if current is None or value.weight >= current.weight:
            values[name] = value

    def declared(self, el: Any) -> dict[str, _Value]:
        """The element's cascaded values (inline style included), conditional rules resolved: one that
        outranks the value in force may show the element, never hide it."""
        values = dict(self._declared.get(el, ()))
        for order, declaration in enumerate(self._inline.get(el, ())):
            weight = (int(declaration.important), 1, 0, 0, 0, order)
            current = values.get(declaration.name)
            if current is None or weight >= current.weight:
                values[declaration.name] = _Value(declaration.value, weight, "", declaration.text)
        if el.get("hidden") is not None and "display" not in values:
            values["display"] = _Value("none", (-1,), "<ua>", "hidden")
        for name, candidates in self._shows.get(el, {}).items():
            for candidate in candidates:
                current = values.get(name)
                if current is not None and candidate.weight <= current.weight:
                    continue
                if name in _COLOURS:
                    values[name] = _UNKNOWN
                elif not hides(name, candidate.value) and (current is None or hides(name, current.value)):
                    values[name] = candidate
        return values

    def compute(self, el: Any, parent: Computed, depth: int) -> Computed:
        """The element's state (``depth`` is its nesting level); cheap for elements that declare nothing."""
        styled = el in self.styled
        values = self.declared(el) if styled else {}
        classes = el.get("class") if styled else None
        class_hiding = _class_hiding(classes) if classes else None
        tag = el.tag
        ua = tag in UA_COLOUR and (parent.colour is not None or parent.background is not None) and (
            tag != "a" or el.get("href") is not None)
        if not values and class_hiding is None and not ua:
            return parent
        return _compute(values, parent, class_hiding, depth, tag if ua else "")


_FEW = 64  # up to this many candidates, each is tested; beyond, the document is searched once
_FEW_SCOPES = 8  # up to this many elements that must hold a match, only their subtrees are searched


def _select(root: Any, selector: Selector, index: dict[tuple[str, str], list[Any]],
            among: dict[tuple[str, str], list[Any]] | None, targets: set[Any] | None = None) -> list[Any]:
    """The elements a selector matches (``among`` the targets' index when given): the candidates that
    carry its subject's rarest class, id or tag, each tested right to left; the whole document when
    the subject names none of them or too many carry it. The page must hold what the selector
    ``needs`` (the cascade drops the other selectors first)."""
    pool = index if among is None else among
    if not pool.keys() >= selector.subject:
        return []
    candidates = min((pool[key] for key in selector.subject), key=len, default=None)
    if selector.plain and candidates is not None:
        return [el for el in dict.fromkeys(candidates) if _carries(el, selector.subject)]
    if candidates is None and targets is not None and len(targets) <= _FEW:
        candidates = list(targets)
    try:
        if candidates is not None and len(candidates) <= _FEW:
            return selector.among(root, candidates=candidates)
        # Every match lies inside an element carrying what its ancestors must carry: when few elements
        # of the page carry it (an id, a rare class), only their subtrees are searched.
        scope = min((index[key] for key in selector.within), key=len, default=None)
        if scope is not None and len(scope) <= _FEW_SCOPES:
            found = selector.in_subtrees(root, scopes=scope)
        else:
            found = selector.in_document(root)
    except lxml.etree.XPathError:
        return []
    return found if targets is None else [el for el in found if el in targets]


# XPath's white space: ``normalize-space`` (which the class test of a selector uses) splits on these alone.
_XPATH_SPACE = re.compile("[ \t\r\n]+")


@by_short_text(4096)
def _classes(value: str) -> frozenset[str]:
    """The classes a selector's XPath test finds in a ``class`` attribute."""
    return frozenset(_XPATH_SPACE.split(value))


def _carries(el: Any, keys: frozenset[tuple[str, str]]) -> bool:
    """Whether the element has every (``tag``, ``id`` or ``class``, name) of a plain selector."""
    for kind, name in keys:
        if kind == "tag":
            if el.tag != name:
                return False
        elif kind == "id":
            if el.get("id") != name:
                return False
        elif name not in _classes(el.get("class") or ""):
            return False
    return True


def _survey_index(survey: elements.Survey) -> dict[tuple[str, str], list[Any]]:
    """Elements by id, class and tag, from the survey's groups. The elements of a class are listed
    grouped by class list, not in document order: what a selector matches is the same in any order."""
    index: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for tag, group in survey.by_tag.items():
        index["tag", tag] = group
    for id_, group in survey.by_id.items():
        index["id", id_] = group
    for classes, group in survey.by_classes.items():
        for name in classes.split():
            index["class", name] += group
    return dict(index)


def _index(members: Iterable[Any]) -> dict[tuple[str, str], list[Any]]:
    """Elements by id, class and tag, of a few elements (the targets of undoing rules)."""
    return _survey_index(elements.group(members))


@by_short_text(4096)
def _class_hiding(classes: str) -> Hiding | None:
    """Screen-reader-only and hiding classes of the common frameworks, for pages whose CSS is external."""
    names = classes.lower().split()
    found = SCREEN_READER_CLASSES.intersection(names)
    if not found or any(_SHOWN_AT_BREAKPOINT.match(n) for n in names):
        return None
    return Hiding(Visibility.CLASS, f"class {sorted(found)[0]} hides it")


def _compute(values: dict[str, _Value], parent: Computed, class_hiding: Hiding | None, depth: int,
             ua_tag: str) -> Computed:
    # the values that can be read (not unknown, no var() or calc()), sorted out once: each is asked
    # for many times
    get = {name: value for name, value in values.items()
           if value is not _UNKNOWN and not _UNKNOWABLE.search(value.value)}.get

    moves = any((v := get(n)) and v.value not in {"none", "0s", "initial", "unset"} for n in _MOTION)
    sticky = _sticky_hiding(get, moves) or class_hiding
    opacity = parent.opacity
    if (value := get("opacity")) and (m := _LENGTH.match(value.value)) and not moves:
        opacity *= float(m.group(1)) / (100 if m.group(2) == "%" else 1)
        if opacity <= NEAR_ZERO_OPACITY and parent.opacity > NEAR_ZERO_OPACITY:
            sticky = sticky or value.hiding()
    visibility = parent.visibility
    if value := get("visibility"):
        if value.value in {"hidden", "collapse"} and not moves:
            visibility = value.hiding(sticky=False)
        elif value.value == "visible":
            visibility = None
    font_px, font = _font(get, parent)
    colour, colour_source, colour_depth = _text_colour(values, get, parent, depth, ua_tag)
    background, background_depth = _background_colour(values, get, parent, depth, ua_tag)
    indent = parent.indent
    if value := get("text-indent"):
        indent = value.hiding(sticky=False) if _far_off(value.value) else None
    state = Computed(None, visibility, font_px, font, colour, colour_source, colour_depth, background,
                     background_depth, indent, opacity)
    hiding = sticky or visibility or font or _colour_hiding(state) or indent
    return replace(state, hiding=hiding) if hiding else state


def _sticky_hiding(get: Any, moves: bool) -> Hiding | None:
    """What hides the element and everything in it, whatever its children declare."""
    if (value := get("display")) and value.value == "none":
        return value.hiding()
    if (value := get("content-visibility")) and value.value == "hidden":
        return value.hiding()
    for name in ("clip-path",) if moves else ("clip-path", "transform"):
        if (value := get(name)) and hides(name, value.value):
            return value.hiding()
    position = get("position")
    positioned = position is not None and position.value in {"absolute", "fixed", "relative", "sticky"}
    out_of_flow = position is not None and position.value in {"absolute", "fixed"}
    if out_of_flow and (value := get("clip")) and _clip_hides(value.value):
        return value.hiding()
    for name in ("left", "top", "right"):
        if positioned and (value := get(name)) and _far_off(value.value):
            return value.hiding()
    for name in ("margin-left", "margin-top", "margin"):
        if (value := get(name)) and hides(name, value.value):
            return value.hiding()
    return _clipped_box(get)


def _clipped_box(get: Any) -> Hiding | None:
    """A box of no height or width that cuts off what overflows it (``height:0; overflow:hidden``, the
    1px screen-reader box). Padding keeps content in view (the ``padding-bottom: 56%`` video box)."""
    overflow = next((v for n in ("overflow", "overflow-y", "overflow-x") if (v := get(n))), None)
    if overflow is None or not hides("overflow", overflow.value):
        return None
    if any((v := get(n)) and not all(_length_px(w) == 0 for w in v.value.split())
           for n in ("padding", "padding-top", "padding-bottom")):
        return None
    for name in ("height", "max-height", "width", "max-width"):
        if (value := get(name)) and _tiny(value.value):
            return value.hiding()
    return None


def _font(get: Any, parent: Computed) -> tuple[float | None, Hiding | None]:
    value = get("font-size")
    size = value.value if value else None
    if value is None and (shorthand := get("font")):
        size, value = _font_shorthand_size(shorthand.value), shorthand
    if value is None or size is None:
        return parent.font_px, parent.font
    px = _font_px(size, parent.font_px)
    if px is None or px > NEAR_ZERO_FONT_PX:
        return px, None
    return px, (parent.font or value.hiding(sticky=False))


def _text_colour(values: dict[str, _Value], get: Any, parent: Computed, depth: int,
                 ua_tag: str) -> tuple[Colour | None, _Value | None, int]:
    if any((v := get(n)) and v.value not in {"none", "initial", "unset"} for n in _PAINTED_TEXT):
        return UNKNOWN_COLOUR, None, depth
    if "color" in values:
        value = get("color")
        return (_colour(value.value), value, depth) if value else (UNKNOWN_COLOUR, None, depth)
    if ua_tag:
        return UNKNOWN_COLOUR, None, depth
    return parent.colour, parent.colour_source, parent.colour_depth


def _background_colour(values: dict[str, _Value], get: Any, parent: Computed, depth: int,
                       ua_tag: str) -> tuple[Colour | None, int]:
    for name in ("background-color", "background"):
        if name in values:
            value = get(name)
            colour = _background(value.value) if value else UNKNOWN_COLOUR
            if colour != UNKNOWN_COLOUR and colour[3] == 0:
                break  # transparent: the background below shows through
            return colour, depth
    if ua_tag in _UA_BACKGROUND:
        return UNKNOWN_COLOUR, depth
    return parent.background, parent.background_depth


def _colour_hiding(state: Computed) -> Hiding | None:
    """Text in a transparent colour, or in the colour of the background it is drawn on. The colour must
    be chosen at or inside the box that declares the background: a colour inherited from outside it
    may well be changed by a style sheet this page does not show us."""
    colour, source = state.colour, state.colour_source
    if colour is None or source is None or colour == UNKNOWN_COLOUR:
        return None
    if colour[3] <= NEAR_ZERO_OPACITY:
        return source.hiding(sticky=False)
    background = state.background
    if background is None or background == UNKNOWN_COLOUR or background[3] < 1:
        return None
    if state.colour_depth >= state.background_depth and _same_colour(colour, background):
        return source.hiding(sticky=False)
    return None
