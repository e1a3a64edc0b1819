"""The files the user edits: ``rules/*.toml``, ``feeds/*.toml`` and ``*.opml``, ``cc-syndicate.toml``.

Loading is all or nothing: the first problem raises a :class:`ConfigError` naming the file, the key
and the fix, and nothing of a half-read directory is returned.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from pathlib import Path
from typing import Any

import lxml.etree

from . import licenses
from .errors import ConfigError
from .models import Exemption, FeedSpec, Publisher, Requirements, Rules, Settings, Thresholds
from .urls import is_http

SETTINGS_FILE = "cc-syndicate.toml"
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$")
_SECTIONS = {"publisher", "license", "requirements", "matching", "exemptions"}


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"is not valid TOML ({exc})", "correct the syntax at the line and column given") from None
    except OSError as exc:
        raise ConfigError(path, "", f"cannot be read ({exc.strerror})", "check that the file exists and is readable") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "", "is not UTF-8 text", "save the file as UTF-8") from None


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
        raise ConfigError(path, key, f"must be a non-empty string, not {value!r}", f'write {key.split(".")[-1]} = "..."')
    return value.strip()


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path, key, f"must be a list of strings, not {value!r}", f'write {key.split(".")[-1]} = ["...", "..."]')
    return tuple(v.strip() for v in value)


def _bool(path: Path, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(path, key, f"must be true or false, not {value!r}", f"write {key.split('.')[-1]} = true (no quotes)")
    return value


# ---------------------------------------------------------------------------------------------
# rules/*.toml
# ---------------------------------------------------------------------------------------------


def load_rules(location: Path) -> list[Rules]:
    """Rules from one file or every ``*.toml`` of a directory, all or nothing."""
    if location.is_dir():
        files = sorted(location.glob("*.toml"))
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
    )


def _publisher(path: Path, table: dict[str, Any]) -> Publisher:
    _unknown_keys(path, "publisher", table, {"name", "aliases", "domains", "feeds", "language"})
    domains = tuple(d.lower() for d in _strings(path, "publisher.domains", table.get("domains", [])))
    for domain in domains:
        if not _HOST.match(domain):
            raise ConfigError(path, "publisher.domains", f"'{domain}' is not a host name",
                              "list bare hosts such as \"vocidicitta.it\" (no scheme, no path); subdomains are included")
    feeds = _strings(path, "publisher.feeds", table.get("feeds", []))
    for feed in feeds:
        if not is_http(feed):
            raise ConfigError(path, "publisher.feeds", f"'{feed}' is not an http(s) URL", "write the full feed URL, e.g. \"https://example.org/feed/\"")
    language = _string(path, "publisher.language", table.get("language", "en"))
    if not re.fullmatch(r"[a-zA-Z]{2}(?:[-_][a-zA-Z]{2})?", language):
        raise ConfigError(path, "publisher.language", f"'{language}' is not a language code", 'write a two-letter code such as "it" or "en"')
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
                raise ConfigError(path, "requirements.source_link", f"must be \"article\", \"site\" or \"none\", not {value!r}",
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
            raise ConfigError(path, f"matching.{name}", f"must be a share between 0 and 1, not {value!r}", f"write {name} = 0.5")
        values[name] = float(value)
    thresholds = Thresholds(**values)
    if thresholds.excerpt > thresholds.reproduction:
        raise ConfigError(path, "matching.excerpt", "is above matching.reproduction", "make excerpt smaller than reproduction")
    return thresholds


def _exemptions(path: Path, value: Any) -> tuple[Exemption, ...]:
    if not isinstance(value, list):
        raise ConfigError(path, "exemptions", "must be an array of tables", "write each one as [[exemptions]] with host and reason")
    out = []
    for i, item in enumerate(value):
        key = f"exemptions[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(path, key, "must be a table", "write [[exemptions]] followed by host = ... and reason = ...")
        _unknown_keys(path, key, item, {"host", "reason"})
        host = _string(path, f"{key}.host", item.get("host")).lower()
        if not _HOST.match(host):
            raise ConfigError(path, f"{key}.host", f"'{host}' is not a host name", 'write a bare host, e.g. host = "partner.example"')
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


def load_feeds(location: Path) -> list[FeedSpec]:
    """Feeds from ``*.toml`` and ``*.opml`` files of a directory (or one file), de-duplicated by URL."""
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
        url = _string(path, f"{key}.url", item.get("url"))
        if not is_http(url):
            raise ConfigError(path, f"{key}.url", f"'{url}' is not an http(s) URL", "write the feed's full URL, or the site's home page")
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
        if not is_http(url):
            raise ConfigError(path, "outline.xmlUrl", f"'{url}' is not an http(s) URL", "fix or remove that outline")
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
    "store": {"keep_resolved_texts_days"},
}


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
    agent = crawler.get("user_agent", Settings.user_agent)
    agent = _string(path, "crawler.user_agent", agent)
    if "contact" in crawler:
        contact = _string(path, "crawler.contact", crawler["contact"])
        agent = f"{agent.split(' (')[0]} (+{contact})"
    values["user_agent"] = agent
    numbers = {"connect_timeout": "connect_timeout", "read_timeout": "read_timeout", "total_timeout": "total_timeout",
               "max_bytes": "max_bytes", "max_redirects": "max_redirects", "host_delay": "host_delay",
               "max_crawl_delay": "max_crawl_delay", "workers": "workers"}
    for key, field in numbers.items():
        if key in crawler:
            values[field] = _number(path, f"crawler.{key}", crawler[key], getattr(Settings, field))
    feeds = _table(path, data, "feeds")
    _unknown_keys(path, "feeds", feeds, _SETTINGS_KEYS["feeds"])
    for key, field in {"parse_timeout": "feed_parse_timeout", "parse_memory_mb": "feed_parse_memory_mb",
                       "backfill_pages": "backfill_pages"}.items():
        if key in feeds:
            values[field] = _number(path, f"feeds.{key}", feeds[key], getattr(Settings, field))
    store = _table(path, data, "store")
    _unknown_keys(path, "store", store, _SETTINGS_KEYS["store"])
    if "keep_resolved_texts_days" in store:
        values["keep_resolved_texts_days"] = _number(path, "store.keep_resolved_texts_days",
                                                     store["keep_resolved_texts_days"], Settings.keep_resolved_texts_days)
    paths = _table(path, data, "paths")
    _unknown_keys(path, "paths", paths, _SETTINGS_KEYS["paths"])
    for key in paths:
        values[f"{key}_path"] = str(directory / _string(path, f"paths.{key}", paths[key]))
    return Settings(**values)


def _number(path: Path, key: str, value: Any, default: Any) -> Any:
    kind = int if isinstance(default, int) else float
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(path, key, f"must be a positive number, not {value!r}", f"write {key.split('.')[-1]} = {default}")
    if kind is int and not float(value).is_integer():
        raise ConfigError(path, key, f"must be a whole number, not {value!r}", f"write {key.split('.')[-1]} = {default}")
    return kind(value)
