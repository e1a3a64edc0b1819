"""Rule, feed and settings files: every mistake names the file, the key and the fix."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cc_syndicate.cli import main
from cc_syndicate.config import load_feeds, load_rules, load_settings, resolve_settings
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


# --- malformed URLs and hosts ------------------------------------------------------------------------

BAD_URLS = ["http://[oops/", "https://a.example:99999/feed/", "http://a.example:0/", "http://a..example/",
            "http://a.example/\u001b[2J"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_malformed_publisher_feed_names_file_key_and_fix(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, GOOD.replace('domains = ["vocidicitta.it"]',
                                        f'domains = ["vocidicitta.it"]\nfeeds = [{json.dumps(url)}]'))
    with pytest.raises(ConfigError) as err:
        load_rules(tmp_path)
    assert (err.value.file, err.value.key) == (str(path), "publisher.feeds")
    assert "not a usable URL" in err.value.problem or "control character U+001B" in err.value.problem


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_malformed_feed_url_names_file_key_and_fix(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, f'[[feed]]\nname = "A"\nurl = {json.dumps(url)}\n', "feeds.toml")
    with pytest.raises(ConfigError) as err:
        load_feeds(tmp_path)
    assert (err.value.file, err.value.key) == (str(path), "feed[0].url")
    assert "not a usable URL" in err.value.problem or "control character U+001B" in err.value.problem


@pytest.mark.parametrize("url", ["http://[oops/", "https://a.example:99999/rss", "http://a..example/"])
def test_a_malformed_opml_url_names_file_and_line(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, f"""<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="B" xmlUrl="{url}"/></body></opml>""", "list.opml")
    with pytest.raises(ConfigError) as err:
        load_feeds(tmp_path)
    assert (err.value.file, err.value.key) == (str(path), "outline.xmlUrl")
    assert "(line 3)" in err.value.problem and "fix or remove" in err.value.fix


@pytest.mark.parametrize(("text", "key"), [
    (GOOD.replace('"vocidicitta.it"', '"vocidicitta.it:99999"'), "publisher.domains"),
    (GOOD.replace('"vocidicitta.it"', '"vocidicitta.it:0"'), "publisher.domains"),
    (GOOD + "[[exemptions]]\nhost = 'partner.example:70000'\nreason = 'contract'\n", "exemptions[0].host"),
    (GOOD + "[[exemptions]]\nhost = 'http://[oops/'\nreason = 'contract'\n", "exemptions[0].host"),
])
def test_hosts_with_ports_out_of_range(tmp_path: Path, text: str, key: str) -> None:
    write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_rules(tmp_path)
    assert err.value.key == key and "is not a host name" in err.value.problem


# --- settings: every value checked when the file is read ----------------------------------------------


@pytest.mark.parametrize(("line", "key", "fix"), [
    ("[crawler]\ntotal_timeout = inf", "crawler.total_timeout", "from 0.5 to 3600"),
    ("[crawler]\ntotal_timeout = 1e30", "crawler.total_timeout", "from 0.5 to 3600"),
    ("[crawler]\ntotal_timeout = 0", "crawler.total_timeout", "total_timeout = 60.0"),
    ("[crawler]\ntotal_timeout = nan", "crawler.total_timeout", "from 0.5 to 3600"),
    ("[crawler]\ntotal_timeout = -5", "crawler.total_timeout", "from 0.5 to 3600"),
    ("[crawler]\ntotal_timeout = '60'", "crawler.total_timeout", "total_timeout = 60.0"),
    ("[crawler]\nconnect_timeout = 0", "crawler.connect_timeout", "from 0.1 to 300"),
    ("[crawler]\nmax_bytes = 0", "crawler.max_bytes", "a whole number from 1024 to 1073741824"),
    ("[crawler]\nmax_bytes = 99999999999999999999999999999", "crawler.max_bytes", "max_bytes = 10485760"),
    ("[crawler]\nworkers = 0", "crawler.workers", "from 1 to 64"),
    ("[crawler]\nworkers = 1.5", "crawler.workers", "whole number"),
    ("[crawler]\nmax_redirects = 100", "crawler.max_redirects", "from 0 to 20"),
    ("[crawler]\nhost_delay = true", "crawler.host_delay", "host_delay = 1.0"),
    ("[feeds]\nparse_timeout = inf", "feeds.parse_timeout", "from 0.5 to 600"),
    ("[feeds]\nparse_memory_mb = 1", "feeds.parse_memory_mb", "from 64 to 65536"),
    ("[feeds]\nbackfill_pages = -1", "feeds.backfill_pages", "from 0 to 1000"),
    ('[crawler]\nuser_agent = "bot/1.0\\r\\nX-Injected: yes"', "crawler.user_agent", "remove it"),
    ('[crawler]\nuser_agent = "bot/1.0\\nX-Injected: yes"', "crawler.user_agent", "on one line"),
    ('[crawler]\nuser_agent = "bot/1.0\\u001b[2J"', "crawler.user_agent", "remove it"),
    ('[crawler]\nuser_agent = "bot/1.0 ☃"', "crawler.user_agent", "ASCII"),
    ('[crawler]\ncontact = "https://rights.example/\\nX-Injected: yes"', "crawler.contact", "on one line"),
    ('[crawler]\ncontact = "https://rights.example:99999/bot"', "crawler.contact", "e-mail address"),
    ('[crawler]\ncontact = "the rights desk"', "crawler.contact", "e-mail address"),
    ("[crawler]\ntotal_timeot = 30", "crawler.total_timeot", "did you mean 'total_timeout'?"),
    ("[crawlr]\nworkers = 2", "crawlr", "did you mean 'crawler'?"),
    ("crawler = 5", "crawler", "write it as [crawler]"),
    ('[paths]\ndb = ["a", "b"]', "paths.db", 'db = "..."'),
])
def test_settings_are_checked_when_read(tmp_path: Path, line: str, key: str, fix: str) -> None:
    path = write(tmp_path, line + "\n", "cc-syndicate.toml")
    with pytest.raises(ConfigError) as err:
        load_settings(tmp_path)
    assert (err.value.file, err.value.key) == (str(path), key)
    assert fix in err.value.fix


def test_settings_at_the_ends_of_their_ranges_load(tmp_path: Path) -> None:
    write(tmp_path, "[crawler]\ntotal_timeout = 3600\nmax_bytes = 1024\nworkers = 64\nhost_delay = 0\nmax_redirects = 0\n"
                    'contact = "mailto:rights@example.org"\n[feeds]\nparse_memory_mb = 64\n', "cc-syndicate.toml")
    settings = load_settings(tmp_path)
    assert (settings.total_timeout, settings.max_bytes, settings.workers, settings.max_redirects) == (3600.0, 1024, 64, 0)
    assert settings.user_agent.endswith("(+mailto:rights@example.org)")


@pytest.mark.parametrize("text", [
    "a = " + "[" * 100_000 + "]" * 100_000,             # tomllib recurses once per level
    "a = " + "{b = " * 100_000 + "1" + "}" * 100_000,
    "crawler.workers" + ".x" * 2_000 + " = 1",          # tomllib keeps every prefix: 20,000 parts take 1.6 GB
    "[crawler.workers" + ".x" * 2_000 + "]\ny = 1",
    '[crawler]\nworkers = [[[[[[[[[[[[["deep"]]]]]]]]]]]]]',
])
def test_deeply_nested_toml_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text, "cc-syndicate.toml")
    with pytest.raises(ConfigError) as err:
        load_settings(tmp_path)
    assert err.value.file == str(path) and len(str(err.value)) < 1000


def test_empty_rules_or_feeds_folders_stop_a_run_saying_what_to_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "feeds").mkdir()
    err = io.StringIO()
    assert main(["run"], stdout=io.StringIO(), stderr=err) == 2
    assert "rules: holds no rule file" in err.getvalue() and "[publisher] and [license]" in err.getvalue()
    write(tmp_path / "rules", GOOD)
    err = io.StringIO()
    assert main(["run"], stdout=io.StringIO(), stderr=err) == 2
    assert "feeds: holds no feed list" in err.getvalue() and "[[feed]]" in err.getvalue()
    write(tmp_path / "feeds", '<?xml version="1.0"?><opml version="2.0"><body/></opml>', "empty.opml")
    err = io.StringIO()
    assert main(["run"], stdout=io.StringIO(), stderr=err) == 2
    assert "feeds: lists no feed" in err.getvalue()
    assert not (tmp_path / "cc-syndicate.db").exists()


def test_a_bad_setting_exits_2_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "[crawler]\ntotal_timeout = nan\n", "cc-syndicate.toml")
    err = io.StringIO()
    assert main(["check", "http://127.0.0.1:1/x", "--allow-private"], stdout=io.StringIO(), stderr=err) == 2
    assert "cc-syndicate.toml: [crawler.total_timeout] is out of range (nan)" in err.getvalue()
    assert "Traceback" not in err.getvalue()


# --- URLs on the command line -------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "named"), [
    (["check", "http://[oops/"], "URL 'http://[oops/'"),
    (["check", "https://a.example:99999/x"], "URL 'https://a.example:99999/x'"),
    (["check", "http://127.0.0.1:1/x", "--original", "http://[oops/"], "--original 'http://[oops/'"),
    (["check", "http://127.0.0.1:1/x", "--original", "vocidicitta.it/articolo"], "--original 'vocidicitta.it/articolo'"),
    (["inspect", "http://a..example/"], "URL 'http://a..example/'"),
])
def test_a_malformed_url_argument_exits_2_naming_it(args: list[str], named: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    assert main([*args, "--allow-private"], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue().startswith(f"cc-syndicate: error: {named} is not a URL that can be checked")
    assert "pass a full http(s) URL" in err.getvalue()


def test_settings_come_from_the_defaults_then_the_file_then_the_flags(tmp_path: Path) -> None:
    assert resolve_settings(directory=tmp_path).db_path == "cc-syndicate.db"
    write(tmp_path, '[paths]\ndb = "from-file.db"\nreport = "out"\n[crawler]\nworkers = 2\n', "cc-syndicate.toml")
    from_file = resolve_settings({"db_path": None, "allow_private": None}, directory=tmp_path)
    assert from_file.db_path == str(tmp_path / "from-file.db") and from_file.workers == 2
    assert not from_file.allow_private
    flagged = resolve_settings({"db_path": "flag.db", "allow_private": True}, directory=tmp_path)
    assert flagged.db_path == "flag.db" and flagged.allow_private
    assert flagged.report_path == str(tmp_path / "out") and flagged.workers == 2  # what no flag names stays
    with pytest.raises(TypeError, match="no such setting: db"):
        resolve_settings({"db": "x.db"}, directory=tmp_path)


def test_a_flag_wins_over_the_file_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, '[paths]\ndb = "from-file.db"\n', "cc-syndicate.toml")
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    assert main(["report"], stdout=io.StringIO(), stderr=err) == 2
    assert "from-file.db does not exist" in err.getvalue()
    err = io.StringIO()
    assert main(["report", "--db", "flag.db"], stdout=io.StringIO(), stderr=err) == 2
    assert "flag.db does not exist" in err.getvalue() and "from-file" not in err.getvalue()
