"""Rule, feed and settings files: every mistake names the file, the key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from cc_syndicate.config import load_feeds, load_rules, load_settings
from cc_syndicate.errors import ConfigError
from cc_syndicate.models import License

PROJECT = Path(__file__).resolve().parent.parent
GOOD = """
[publisher]
name = "Voci di Città"
domains = ["vocidicitta.it"]
[license]
id = "CC BY-NC-SA 3.0 IT"
"""


def write(tmp_path: Path, text: str, name: str = "pub.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_projects_own_rules_and_feeds_load() -> None:
    (rule,) = load_rules(PROJECT / "rules")
    assert rule.publisher.name == "Voci di Città" and rule.license == License("by")
    assert rule.publisher.language == "it"
    assert load_feeds(PROJECT / "feeds")


def test_defaults(tmp_path: Path) -> None:
    (rule,) = load_rules(write(tmp_path, GOOD))
    assert rule.license == License("by-nc-sa", "3.0", "it")
    assert rule.requirements.source_link == "article" and rule.requirements.author
    assert not rule.requirements.followed_links and not rule.requirements.canonical
    assert (rule.matching.reproduction, rule.matching.excerpt) == (0.5, 0.1)


@pytest.mark.parametrize(
    ("text", "key", "fix"),
    [
        ("[publisher]\nname = 'x'\n", "license", "add a [license] table"),
        (GOOD + "[requirements]\nauthors = true\n", "requirements.authors", "did you mean 'author'?"),
        (GOOD + "[requirements]\nauthor = 'yes'\n", "requirements.author", "true (no quotes)"),
        (GOOD + "[requirements]\nsource_link = 'page'\n", "requirements.source_link", 'source_link = "article"'),
        (GOOD + "[matching]\nexcerpt = 0.8\n", "matching.excerpt", "smaller than reproduction"),
        (GOOD + "[matching]\nreproduction = 5\n", "matching.reproduction", "reproduction = 0.5"),
        (GOOD.replace("CC BY-NC-SA 3.0 IT", "CC BY 9.9"), "license.id", "short name"),
        (GOOD.replace('["vocidicitta.it"]', '["https://vocidicitta.it/"]'), "publisher.domains", "bare hosts"),
        (GOOD + "[[exemptions]]\nhost = 'partner.example'\n", "exemptions[0].reason", "reason"),
        (GOOD + "[extra]\n", "extra", "use one of"),
        ("[publisher\nname=", "", "correct the syntax"),
    ],
)
def test_errors_name_file_key_and_fix(tmp_path: Path, text: str, key: str, fix: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_rules(tmp_path)
    assert err.value.file == str(path)
    assert err.value.key == key
    assert fix in str(err.value)


def test_one_bad_file_fails_the_whole_directory(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD.replace("vocidicitta.it", "altro.it").replace("CC BY-NC-SA 3.0 IT", "nope"), "b.toml")
    with pytest.raises(ConfigError, match="b.toml"):
        load_rules(tmp_path)


def test_a_domain_belongs_to_one_publisher(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    with pytest.raises(ConfigError, match="also listed in"):
        load_rules(tmp_path)


def test_feeds_from_toml_and_opml(tmp_path: Path) -> None:
    write(tmp_path, '[[feed]]\nname = "A"\nurl = "https://a.example/feed/"\ncontact = "x@a.example"\n', "a.toml")
    write(tmp_path, """<?xml version="1.0"?>
<opml version="2.0"><body><outline text="News"><outline text="B" type="rss" xmlUrl="https://b.example/rss"/>
<outline text="A again" xmlUrl="https://a.example/feed/"/></outline></body></opml>""", "list.opml")
    feeds = load_feeds(tmp_path)
    assert [(f.name, f.url, f.contact) for f in feeds] == [
        ("A", "https://a.example/feed/", "x@a.example"), ("B", "https://b.example/rss", None)]


def test_opml_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    write(tmp_path, f"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>
<opml version="2.0"><body><outline text="B &x;" xmlUrl="https://b.example/rss"/></body></opml>""", "list.opml")
    with pytest.raises(ConfigError) as err:
        load_feeds(tmp_path / "list.opml")
    assert "TOP-SECRET" not in str(err.value) and "list.opml" in str(err.value)


@pytest.mark.parametrize(
    ("text", "key"),
    [('[[feed]]\nname = "A"\nurl = "ftp://a.example/"\n', "feed[0].url"), ('[[feed]]\nname = "A"\n', "feed[0].url"),
     ('[[feed]]\nurl = "https://a.example/"\nemail = "x"\n', "feed[0].email")],
)
def test_feed_errors(tmp_path: Path, text: str, key: str) -> None:
    write(tmp_path, text, "feeds.toml")
    with pytest.raises(ConfigError) as err:
        load_feeds(tmp_path)
    assert err.value.key == key


def test_settings(tmp_path: Path) -> None:
    assert load_settings(tmp_path).host_delay == 1.0
    write(tmp_path, '[crawler]\ncontact = "https://rights.example/bot"\nhost_delay = 2\nworkers = 8\n'
                    '[paths]\ndb = "state/cc.db"\n', "cc-syndicate.toml")
    settings = load_settings(tmp_path)
    assert settings.user_agent.endswith("(+https://rights.example/bot)")
    assert (settings.host_delay, settings.workers) == (2.0, 8)
    assert settings.db_path == str(tmp_path / "state/cc.db")
    write(tmp_path, "[crawler]\nworkers = 1.5\n", "cc-syndicate.toml")
    with pytest.raises(ConfigError, match="crawler.workers"):
        load_settings(tmp_path)
