"""The files the user edits: ``rules/*.toml``, ``feeds/*.toml`` and ``*.opml``, ``cc-syndicate.toml``.

Loading is all or nothing: the first problem raises a :class:`ConfigError` naming the file, the key
and the fix, and nothing of a half-read directory is returned.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import reprlib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import lxml.etree

from . import licenses
from .errors import ConfigError
from .models import (
    EditorsSettings,
    Exemption,
    FeedSpec,
    Policy,
    Publisher,
    ReportSettings,
    Requirements,
    Rules,
    ServeSettings,
    Settings,
    Thresholds,
)
from .urls import url_problem

SETTINGS_FILE = "cc-syndicate.toml"
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$")
_SECTIONS = {"publisher", "license", "requirements", "matching", "exemptions", "policy"}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab and newline may stand in a multi-line string
# tomllib keeps every prefix of a dotted key: a key of 10,000 parts takes 400 MB. No file of ours needs 32.
# (No spaces around the dots, so prose "A. B. C." never matches; the lookbehind keeps the search linear.)
_DOTTED_KEY = re.compile(r"""(?<![\w-])(?:(?:[\w-]++|"[^"\n]*+"|'[^'\n]*+')\.){32}""")
_shown = reprlib.Repr()
_shown.maxlevel, _shown.maxstring, _shown.maxother = 3, 80, 80


def read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8")
        if _DOTTED_KEY.search(text):
            raise ConfigError(path, "", "has a key of more than 32 dotted parts", "write keys and [tables] at most a few levels deep")
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"is not valid TOML ({exc})", "correct the syntax at the line and column given") from None
    except RecursionError:
        raise ConfigError(path, "", "nests arrays or inline tables too deeply to be read",
                          "write values at most a few levels deep") from None
    except OSError as exc:
        raise ConfigError(path, "", f"cannot be read ({exc.strerror})", "check that the file exists and is readable") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "", "is not UTF-8 text", "save the file as UTF-8") from None


def shown(value: Any) -> str:
    """A value as an error message quotes it: short, and safe however deeply it nests."""
    return _shown.repr(value)


def _unknown_keys(path: Path, section: str, table: dict[str, Any], known: set[str]) -> None:
    for name in table:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(sorted(known))}"
            raise ConfigError(path, f"{section}.{name}" if section else name, "is not a known key", hint)


def _table(path: Path, data: dict[str, Any], name: str, required: bool = False) -> dict[str, Any]:
    value = data.get(name, {})
    if required and name not in data:
        raise ConfigError(path, name, "is missing", f"add a [{name}] table (see README, 'Rules')")
    if not isinstance(value, dict):
        raise ConfigError(path, name, "must be a table", f"write it as [{name}] followed by key = value lines")
    return value


def _string(path: Path, key: str, value: Any, required: bool = True) -> str:
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(path, key, f"must be a non-empty string, not {shown(value)}", f'write {key.split(".")[-1]} = "..."')
    _no_control(path, key, value)
    return value.strip()


def _no_control(path: Path, key: str, value: str) -> None:
    found = _CONTROL.search(value)
    if found:
        raise ConfigError(path, key, f"contains the control character U+{ord(found.group()):04X}",
                          "remove it (control characters have no place in names, URLs or headers)")


def _url(path: Path, key: str, value: Any) -> str:
    """An http(s) URL that can be fetched as written."""
    url = _string(path, key, value)
    problem = url_problem(url)
    if problem:
        raise ConfigError(path, key, f"'{url[:200]}' is not a usable URL: {problem}",
                          'write the full URL, e.g. "https://example.org/feed/" (a port, if any, between 1 and 65535)')
    return url


def _host(path: Path, key: str, value: Any, fix: str) -> str:
    """A bare host name, with a port between 1 and 65535 if one is given."""
    host = _string(path, key, value).lower()
    port = host.rpartition(":")[2] if ":" in host else ""
    if not _HOST.match(host) or (port and not 1 <= int(port) <= 65535):
        raise ConfigError(path, key, f"'{host[:200]}' is not a host name", fix)
    return host


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path, key, f"must be a list of strings, not {shown(value)}", f'write {key.split(".")[-1]} = ["...", "..."]')
    for item in value:
        _no_control(path, key, item)
    return tuple(v.strip() for v in value)


def _bool(path: Path, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(path, key, f"must be true or false, not {shown(value)}", f"write {key.split('.')[-1]} = true (no quotes)")
    return value


# ---------------------------------------------------------------------------------------------
# rules/*.toml
# ---------------------------------------------------------------------------------------------


def load_rules(location: Path, *, required: bool = False) -> list[Rules]:
    """Rules from one file or every ``*.toml`` of a directory, all or nothing; ``required``: a directory
    without any is an error (a run would have nothing to judge by)."""
    if location.is_dir():
        files = sorted(location.glob("*.toml"))
        if required and not files:
            raise ConfigError(location, "", "holds no rule file (*.toml)",
                              f"add one file per publisher whose articles you watch, e.g. {location / 'voci-di-citta.toml'} "
                              "with [publisher] and [license] (see README, 'Rules')")
        rules = [load_rule_file(f) for f in files]
        _check_unique_domains(rules)
        return rules
    if location.is_file():
        return [load_rule_file(location)]
    raise ConfigError(location, "", "does not exist", "pass --rules with a rule file or a directory of them")


def load_rule_file(path: Path) -> Rules:
    data = read_toml(path)
    _unknown_keys(path, "", data, _SECTIONS)
    publisher = _publisher(path, _table(path, data, "publisher", required=True))
    return Rules(
        publisher=publisher,
        license=_license(path, _table(path, data, "license", required=True)),
        requirements=_requirements(path, _table(path, data, "requirements")),
        matching=_matching(path, _table(path, data, "matching")),
        exemptions=_exemptions(path, data.get("exemptions", [])),
        source=path,
        policy=_policy(path, _table(path, data, "policy")),
    )


def _publisher(path: Path, table: dict[str, Any]) -> Publisher:
    _unknown_keys(path, "publisher", table, {"name", "aliases", "domains", "feeds", "language"})
    domains = tuple(_host(path, "publisher.domains", d, "list bare hosts such as \"vocidicitta.it\" (no scheme, no path); "
                                                       "subdomains are included")
                    for d in _strings(path, "publisher.domains", table.get("domains", [])))
    feeds = tuple(_url(path, "publisher.feeds", f) for f in _strings(path, "publisher.feeds", table.get("feeds", [])))
    language = _string(path, "publisher.language", table.get("language", "en"))
    if not re.fullmatch(r"[a-zA-Z]{2}(?:[-_][a-zA-Z]{2})?", language):
        raise ConfigError(path, "publisher.language", f"'{language}' is not a language code",
                          'write a two-letter code such as "it" or "en"')
    return Publisher(
        name=_string(path, "publisher.name", table.get("name")),
        aliases=_strings(path, "publisher.aliases", table.get("aliases", [])),
        domains=domains,
        feeds=feeds,
        language=language.lower()[:2],
    )


def _license(path: Path, table: dict[str, Any]):
    _unknown_keys(path, "license", table, {"id"})
    value = _string(path, "license.id", table.get("id"))
    parsed = licenses.parse(value)
    if parsed is None:
        raise ConfigError(path, "license.id", f"'{value}' is not a Creative Commons licence I know",
                          'write a short name ("CC BY 4.0", "CC BY-NC-SA 3.0 IT"), an SPDX id ("CC-BY-4.0") or a deed URL')
    return parsed


def _requirements(path: Path, table: dict[str, Any]) -> Requirements:
    fields = {f.name for f in dataclasses.fields(Requirements)}
    _unknown_keys(path, "requirements", table, fields)
    values: dict[str, Any] = {}
    for name, value in table.items():
        if name == "source_link":
            if value not in ("article", "site", "none"):
                raise ConfigError(path, "requirements.source_link", f"must be \"article\", \"site\" or \"none\", not {shown(value)}",
                                  'write source_link = "article" to require a link to the original article')
            values[name] = value
        else:
            values[name] = _bool(path, f"requirements.{name}", value)
    return Requirements(**values)


def _matching(path: Path, table: dict[str, Any]) -> Thresholds:
    _unknown_keys(path, "matching", table, {"reproduction", "excerpt"})
    values: dict[str, float] = {}
    for name, value in table.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise ConfigError(path, f"matching.{name}", f"must be a share between 0 and 1, not {shown(value)}", f"write {name} = 0.5")
        values[name] = float(value)
    thresholds = Thresholds(**values)
    if thresholds.excerpt > thresholds.reproduction:
        raise ConfigError(path, "matching.excerpt", "is above matching.reproduction", "make excerpt smaller than reproduction")
    return thresholds


_POLICY_CHOICES = {
    "credit_position": (("top", "any"), 'write credit_position = "top" to ask for the credit before the article'),
    "edits": (("style-only", "any"), 'write edits = "style-only" to allow only time, place and style edits'),
    "images": (("excluded", "allowed"), 'write images = "excluded" to forbid reusing the article\'s images'),
}


def _policy(path: Path, table: dict[str, Any]) -> Policy:
    """[policy]: what the publisher asks beyond the licence."""
    _unknown_keys(path, "policy", table, {"credit_position", "pixel", "edits", "images", "paywall"})
    values: dict[str, Any] = {}
    for name, (choices, fix) in _POLICY_CHOICES.items():
        if name in table:
            if table[name] not in choices:
                wanted = " or ".join(f'"{c}"' for c in choices)
                raise ConfigError(path, f"policy.{name}", f"must be {wanted}, not {shown(table[name])}", fix)
            values[name] = table[name]
    if "pixel" in table:
        pixel = _string(path, "policy.pixel", table["pixel"])
        if re.search(r"\s", pixel) or len(pixel) < 6:
            raise ConfigError(path, "policy.pixel", f"'{pixel[:200]}' is not a piece of a URL",
                              'write the part of the pixel\'s address every copy must hold, e.g. '
                              'pixel = "?republication-pixel=true&post="')
        values["pixel"] = pixel
    if "paywall" in table:
        values["paywall"] = _bool(path, "policy.paywall", table["paywall"])
    return Policy(**values)


def _exemptions(path: Path, value: Any) -> tuple[Exemption, ...]:
    if not isinstance(value, list):
        raise ConfigError(path, "exemptions", "must be an array of tables", "write each one as [[exemptions]] with host and reason")
    out = []
    for i, item in enumerate(value):
        key = f"exemptions[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(path, key, "must be a table", "write [[exemptions]] followed by host = ... and reason = ...")
        _unknown_keys(path, key, item, {"host", "reason"})
        host = _host(path, f"{key}.host", item.get("host"), 'write a bare host, e.g. host = "partner.example"')
        out.append(Exemption(host, _string(path, f"{key}.reason", item.get("reason"))))
    return tuple(out)


def _check_unique_domains(rules: list[Rules]) -> None:
    owner: dict[str, Path | None] = {}
    for rule in rules:
        for domain in rule.publisher.domains:
            if domain in owner:
                raise ConfigError(rule.source, "publisher.domains", f"'{domain}' is also listed in {owner[domain]}",
                                  "give each domain to one publisher only")
            owner[domain] = rule.source


# ---------------------------------------------------------------------------------------------
# feeds/*.toml and feeds/*.opml
# ---------------------------------------------------------------------------------------------


def load_feeds(location: Path, *, required: bool = False) -> list[FeedSpec]:
    """Feeds from ``*.toml`` and ``*.opml`` files of a directory (or one file), de-duplicated by URL;
    ``required``: finding none is an error (a run would have nothing to read)."""
    if location.is_dir():
        files = sorted(p for p in location.iterdir() if p.suffix.lower() in {".toml", ".opml"})
    elif location.is_file():
        files = [location]
    else:
        raise ConfigError(location, "", "does not exist", "pass --feeds with a directory of feed lists")
    seen: dict[str, FeedSpec] = {}
    for path in files:
        specs = _opml_feeds(path) if path.suffix.lower() == ".opml" else _toml_feeds(path)
        for spec in specs:
            seen.setdefault(spec.url, spec)
    if required and not seen:
        raise ConfigError(location, "", "lists no feed" if files else "holds no feed list (*.toml or *.opml)",
                          "add the republishers to watch: a .toml file with a [[feed]] table (name, url) for each, "
                          "or an .opml file exported from a feed reader (see README, 'Feeds')")
    return list(seen.values())


def _toml_feeds(path: Path) -> list[FeedSpec]:
    data = read_toml(path)
    _unknown_keys(path, "", data, {"feed"})
    entries = data.get("feed", [])
    if not isinstance(entries, list):
        raise ConfigError(path, "feed", "must be an array of tables", "write each feed as [[feed]] with name and url")
    specs = []
    for i, item in enumerate(entries):
        key = f"feed[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(path, key, "must be a table", "write [[feed]] followed by name = ... and url = ...")
        _unknown_keys(path, key, item, {"name", "url", "contact"})
        url = _url(path, f"{key}.url", item.get("url"))
        contact = item.get("contact")
        specs.append(FeedSpec(
            name=_string(path, f"{key}.name", item.get("name", url)),
            url=url,
            contact=_string(path, f"{key}.contact", contact) if contact is not None else None,
            source=path,
        ))
    return specs


def _opml_feeds(path: Path) -> list[FeedSpec]:
    """OPML as exported by feed readers, read with entities, DTDs and network access off."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = lxml.etree.parse(str(path), parser)
    except (lxml.etree.XMLSyntaxError, OSError) as exc:
        raise ConfigError(path, "", f"is not readable OPML ({exc})", "export the list again from your feed reader") from None
    specs = []
    for outline in tree.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        problem = url_problem(url)
        if problem:
            raise ConfigError(path, "outline.xmlUrl", f"'{url[:200]}' (line {outline.sourceline}) is not a usable URL: {problem}",
                              "fix or remove that outline")
        name = (outline.get("title") or outline.get("text") or url).strip()
        specs.append(FeedSpec(name=name, url=url, source=path))
    return specs


# ---------------------------------------------------------------------------------------------
# cc-syndicate.toml
# ---------------------------------------------------------------------------------------------

_SETTINGS_KEYS = {
    "crawler": {"user_agent", "contact", "connect_timeout", "read_timeout", "total_timeout", "max_bytes",
                "max_redirects", "host_delay", "max_crawl_delay", "workers"},
    "feeds": {"parse_timeout", "parse_memory_mb", "backfill_pages"},
    "paths": {"feeds", "rules", "db", "report"},
    "serve": {f.name for f in dataclasses.fields(ServeSettings)},
    "editors": {f.name for f in dataclasses.fields(EditorsSettings)},
    "store": {"keep_resolved_texts_days"},
    "report": {f.name for f in dataclasses.fields(ReportSettings)},
    "judge": {"processes", "timeout", "memory_mb", "scheduler"},
}


# Every number a setting can hold, as (Settings field, lowest, highest): outside it a run fails in ways hard
# to trace (a zero budget fails every fetch; inf or nan never stops one; 0 workers do nothing).
_NUMBERS: dict[str, tuple[str, int | float, int | float]] = {
    "crawler.connect_timeout": ("connect_timeout", 0.1, 300),
    "crawler.read_timeout": ("read_timeout", 0.1, 600),
    "crawler.total_timeout": ("total_timeout", 0.5, 3600),
    "crawler.max_bytes": ("max_bytes", 1024, 1024 ** 3),
    "crawler.max_redirects": ("max_redirects", 0, 20),
    "crawler.host_delay": ("host_delay", 0, 3600),
    "crawler.max_crawl_delay": ("max_crawl_delay", 0, 86400),
    "crawler.workers": ("workers", 1, 64),
    "feeds.parse_timeout": ("feed_parse_timeout", 0.5, 600),
    "feeds.parse_memory_mb": ("feed_parse_memory_mb", 64, 65536),
    "feeds.backfill_pages": ("backfill_pages", 0, 1000),
    "serve.threads": ("threads", 1, 512),
    "serve.concurrent_checks": ("concurrent_checks", 1, 256),
    "serve.queue": ("queue", 0, 10000),
    "serve.queue_wait": ("queue_wait", 0.1, 600),
    "serve.cache_minutes": ("cache_minutes", 0, 1440),
    "serve.trusted_proxies": ("trusted_proxies", 0, 10),
    "editors.session_hours": ("session_hours", 0.1, 720),
    "store.keep_resolved_texts_days": ("keep_resolved_texts_days", 0, 36500),
    "judge.processes": ("judge_processes", 0, 1024),
    "judge.timeout": ("judge_timeout", 0.1, 3600),
    "judge.memory_mb": ("judge_memory_mb", 64, 1024 * 1024),
}
_PRINTABLE_ASCII = re.compile(r"[ -~]+")
_EMAIL = re.compile(r"(?:mailto:)?[^@\s:/]+@[^@\s]+\.[^@\s]+")


def load_settings(directory: Path = Path(".")) -> Settings:
    """``cc-syndicate.toml`` of ``directory`` if there is one, else the defaults."""
    path = directory / SETTINGS_FILE
    if not path.exists():
        return Settings()
    data = read_toml(path)
    _unknown_keys(path, "", data, set(_SETTINGS_KEYS))
    values: dict[str, Any] = {"source": path}
    crawler = _table(path, data, "crawler")
    _unknown_keys(path, "crawler", crawler, _SETTINGS_KEYS["crawler"])
    agent = _header_text(path, "crawler.user_agent", crawler.get("user_agent", Settings.user_agent))
    if "contact" in crawler:
        agent = f"{agent.split(' (')[0]} (+{_contact(path, crawler['contact'])})"
    values["user_agent"] = agent
    feeds = _table(path, data, "feeds")
    _unknown_keys(path, "feeds", feeds, _SETTINGS_KEYS["feeds"])
    store = _table(path, data, "store")
    _unknown_keys(path, "store", store, _SETTINGS_KEYS["store"])
    judge = _table(path, data, "judge")
    _unknown_keys(path, "judge", judge, _SETTINGS_KEYS["judge"])
    if "scheduler" in judge:
        values["scheduler"] = scheduler_address(judge["scheduler"], path, "judge.scheduler")
    for key, (field, _, _) in _NUMBERS.items():
        section, name = key.split(".")
        table = {"crawler": crawler, "feeds": feeds, "store": store, "judge": judge}.get(section, {})  # [serve], [editors] on their own
        if name in table:
            values[field] = _number(path, key, table[name])
    paths = _table(path, data, "paths")
    _unknown_keys(path, "paths", paths, _SETTINGS_KEYS["paths"])
    for key in paths:
        values[f"{key}_path"] = str(directory / _string(path, f"paths.{key}", paths[key]))
    values["serve"] = _serve_settings(path, _table(path, data, "serve"))
    values["editors"] = _editors_settings(path, _table(path, data, "editors"))
    values["report"] = _report_settings(path, _table(path, data, "report"))
    return Settings(**values)


def _report_settings(path: Path, table: dict[str, Any]) -> ReportSettings:
    """[report]: where the report is published (absolute links) and its language."""
    from .i18n import LANGUAGES  # the catalogs shipped in the package

    _unknown_keys(path, "report", table, _SETTINGS_KEYS["report"])
    base_url = _string(path, "report.base_url", table.get("base_url", ""), required=False).strip()
    if base_url:
        problem = url_problem(base_url)
        if problem or "?" in base_url or "#" in base_url:
            raise ConfigError(path, "report.base_url", f"{base_url[:200]!r} is not a web address the report can be "
                              f"published at ({problem or 'it has a query or a fragment'})",
                              'write the address of the report folder, e.g. base_url = "https://example.org/cc-report/"')
        base_url = base_url.rstrip("/") + "/"
    language = _string(path, "report.language", table.get("language", ""), required=False).strip().lower()
    if language and language not in LANGUAGES:
        raise ConfigError(path, "report.language", f"{language!r} is not a language the report speaks",
                          f"write one of {', '.join(repr(lang) for lang in LANGUAGES)}, or leave it out for the publishers' own")
    return ReportSettings(base_url=base_url, language=language)


def resolve_settings(flags: Mapping[str, Any] | None = None, directory: Path = Path(".")) -> Settings:
    """The settings a command works with, in order of precedence: the defaults, then ``cc-syndicate.toml``
    of ``directory``, then the command line's ``flags`` ({Settings field: value}; None: the flag was not
    given). Every command resolves its settings here and nowhere else."""
    given = {name: value for name, value in (flags or {}).items() if value is not None}
    unknown = set(given) - {f.name for f in dataclasses.fields(Settings)}
    if unknown:
        raise TypeError(f"no such setting: {', '.join(sorted(unknown))}")  # a bug in the caller, not the user's
    return dataclasses.replace(load_settings(directory), **given)


def _serve_settings(path: Path, table: dict[str, Any]) -> ServeSettings:
    """[serve]: the public check page (see README, 'cc-syndicate serve')."""
    _unknown_keys(path, "serve", table, _SETTINGS_KEYS["serve"])
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "rate_limit":
            values[key] = _rate_limit(path, "serve.rate_limit", value, "checks")
        elif key == "base_path":
            values[key] = _base_path(path, value)
        else:
            values[key] = _number(path, f"serve.{key}", value)
    serve = ServeSettings(**values)
    if serve.threads <= serve.concurrent_checks + serve.queue:
        raise ConfigError(path, "serve.threads", f"({serve.threads}) must be more than concurrent_checks + queue "
                          f"({serve.concurrent_checks} + {serve.queue}), or pages and /healthz wait behind checks",
                          f"write threads = {serve.concurrent_checks + serve.queue + 4}")
    return serve


def _editors_settings(path: Path, table: dict[str, Any]) -> EditorsSettings:
    """[editors]: the editors' pages of serve (see README, 'The editors' pages')."""
    _unknown_keys(path, "editors", table, _SETTINGS_KEYS["editors"])
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "enabled":
            values[key] = _bool(path, "editors.enabled", value)
        elif key.endswith("rate_limit"):
            values[key] = _rate_limit(path, f"editors.{key}", value, "failed logins")
        elif key == "time_zone":
            values[key] = _time_zone(path, value)
        else:
            values[key] = _number(path, f"editors.{key}", value)
    return EditorsSettings(**values)


def _time_zone(path: Path, value: Any) -> str:
    from zoneinfo import ZoneInfo

    name = _string(path, "editors.time_zone", value)
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # not found (a KeyError), a malformed name, a name too long for a file
        raise ConfigError(path, "editors.time_zone", f"{name!r} is not a time zone this machine knows",
                          'write an IANA time zone name, e.g. time_zone = "Europe/Rome" or "UTC"') from None
    return name


def _rate_limit(path: Path, key: str, value: Any, what: str) -> str:
    from limits import parse_many  # Flask-Limiter's own notation, read by its own parser

    try:
        if not isinstance(value, str) or not parse_many(value):
            raise ValueError
    except ValueError:
        raise ConfigError(path, key, f"{value!r} is not a rate",
                          f'write a number of {what} per period, e.g. {key.split(".")[-1]} = "10/minute" or "100/hour"') from None
    return value


def _base_path(path: Path, value: Any) -> str:
    prefix = _string(path, "serve.base_path", value, required=False).rstrip("/")
    if prefix and not re.fullmatch(r"(?:/[A-Za-z0-9._~-]+)+", prefix):
        raise ConfigError(path, "serve.base_path", f"{value!r} is not a URL path",
                          'write the path the proxy publishes the page under, e.g. base_path = "/verifica"')
    return prefix


def _number(path: Path, key: str, value: Any) -> Any:
    field, low, high = _NUMBERS[key]
    section = {"serve": ServeSettings, "editors": EditorsSettings}.get(key.split(".")[0], Settings)
    default = getattr(section, field)
    kind = int if isinstance(default, int) or default is None else float  # None: a count worked out at run time
    example = default if default is not None else 2
    fix = f"write {key.split('.')[-1]} = {example} (a {'whole ' if kind is int else ''}number from {low} to {high})"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(path, key, f"must be a number, not {shown(value)}", fix)
    if not low <= value <= high:  # also false for nan
        raise ConfigError(path, key, f"is out of range ({shown(value)})", fix)
    if kind is int and not float(value).is_integer():
        raise ConfigError(path, key, f"must be a whole number, not {shown(value)}", fix)
    return kind(value)


_SCHEDULER = re.compile(r"(?:tcp|tls|ucx|inproc)://[A-Za-z0-9._\[\]:-]+|[A-Za-z0-9.-]+:\d{1,5}")


def scheduler_address(value: Any, path: Path | None = None, key: str = "--scheduler") -> str:
    """A Dask scheduler's address as Dask writes it: ``tcp://host:8786`` (or ``host:8786``)."""
    if not isinstance(value, str) or not _SCHEDULER.fullmatch(value.strip()):
        raise ConfigError(path, key, f"{shown(value)} is not a Dask scheduler address",
                          'write the address `dask scheduler` prints, e.g. "tcp://10.0.0.5:8786"')
    return value.strip()


def _header_text(path: Path, key: str, value: Any) -> str:
    """Text sent in the User-Agent header: one line of printable ASCII, so nothing can split the header."""
    text = _string(path, key, value)
    if not _PRINTABLE_ASCII.fullmatch(text):
        raise ConfigError(path, key, "holds a line break or a character outside printable ASCII",
                          "write it on one line with ASCII letters, digits and punctuation (it is sent as the User-Agent)")
    return text


def _contact(path: Path, value: Any) -> str:
    contact = _header_text(path, "crawler.contact", value)
    if _EMAIL.fullmatch(contact) or not url_problem(contact):
        return contact
    raise ConfigError(path, "crawler.contact", f"'{contact[:200]}' is neither an http(s) URL nor an e-mail address "
                                               f"({url_problem(contact)})",
                      'write contact = "https://your.example/about-our-crawler" or an e-mail address')
