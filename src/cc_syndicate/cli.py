"""The command line: arguments in, exit status out. The only module that prints or exits.

Errors of ours (:class:`CCSyndicateError`) and files that cannot be read or written are printed as one
line and exit 2; anything else is a bug: it keeps its traceback and exits 70, never 1, which would tell
cron that the run merely found new violations. Everything printed goes through :class:`SafeStream`: text
from pages and servers never drives the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO, cast

from . import __version__, accounts
from . import cases as lifecycle
from .auditor import DEFAULT_LIMIT, audit_publishers
from .cases import REASONS, STATUSES, VIAS, CaseAction, Triage
from .check import check_url, fetch_page
from .config import load_feeds, load_rules, resolve_settings, scheduler_address
from .context import open_context
from .errors import CCSyndicateError, LockHeld, UsageError
from .fetch import Fetcher
from .ingest import ingest_originals
from .judging import Judges, open_judges, processes_for
from .models import Rules, Settings
from .present import audit_text, check_json, check_text, page_json, page_text
from .report import write_report
from .run import RunSummary, announced, run
from .sandbox import FeedParser
from .store import RunLock, Store
from .terminal import SafeStream
from .urls import url_problem
from .views import build_case, case_json, case_text, case_view, cases_text

EXIT_OK, EXIT_FOUND, EXIT_ERROR, EXIT_UNAVAILABLE, EXIT_BUG, EXIT_LOCKED = 0, 1, 2, 69, 70, 75
LISTED = 20  # new violations named one by one in the summary; the rest are in the report
# Each flag and the setting it overrides: the defaults, then cc-syndicate.toml, then these.
FLAGS = {"feeds": "feeds_path", "rules": "rules_path", "db": "db_path", "report": "report_path",
         "backfill": "backfill_pages", "allow_private": "allow_private", "scheduler": "scheduler"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cc-syndicate",
        description="Check that republished copies of Creative Commons articles credit the source and carry the licence.",
    )
    parser.add_argument("--version", action="version", version=f"cc-syndicate {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="the scheduled job: crawl the feeds, check what is new, report violations",
                         description="Refresh the originals, crawl the republishers' feeds, check new pages, re-check "
                                     "pages with open violations and write the report. Quiet unless something new is wrong.")
    run.add_argument("--feeds", metavar="DIR", help="feed lists, *.toml and *.opml (default ./feeds)")
    run.add_argument("--rules", metavar="DIR", help="rule files (default ./rules)")
    run.add_argument("--db", metavar="PATH", help="the database (default ./cc-syndicate.db)")
    run.add_argument("--report", metavar="DIR", help="where to write the report (default ./report)")
    run.add_argument("--json", action="store_true", help="print a summary as JSON")
    run.add_argument("-v", "--verbose", action="store_true", help="say what was done even when nothing is wrong")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="judge the pages on the Dask cluster of this scheduler (tcp://host:8786); "
                          "needs pip install 'cc-syndicate[dask]'")
    _private(run)

    report = sub.add_parser("report", help="write the report from the database",
                            description="Write index.html, a page per reproduction, violations.json, .csv and .atom.")
    report.add_argument("--db", metavar="PATH", help="the database (default ./cc-syndicate.db)")
    report.add_argument("--report", metavar="DIR", help="where to write the report (default ./report)")

    check = sub.add_parser("check", help="check one republished page against its original",
                           description="Check one page: is it a reproduction, and does it credit the original as required?")
    check.add_argument("url", help="the republished page")
    check.add_argument("--original", metavar="URL", help="the original article (found from the page's links otherwise)")
    check.add_argument("--rules", metavar="FILE|DIR", help="a rule file or a directory of them (default ./rules)")
    check.add_argument("--db", metavar="PATH", help="database whose originals index is searched for the original")
    check.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    _private(check)

    inspect = sub.add_parser("inspect", help="show what the checker sees on a page",
                             description="Show a page as the checker reads it: visible and hidden text, links, licence signals.")
    inspect.add_argument("url")
    inspect.add_argument("--format", choices=["text", "json"], default="text")
    _private(inspect)

    originals = sub.add_parser("originals", help="refresh the publishers' originals into the database and its index",
                               description="Fetch each publisher's feeds (rules publisher.feeds) and store new originals.")
    originals.add_argument("--rules", metavar="DIR", help="rule files (default ./rules)")
    originals.add_argument("--db", metavar="PATH", help="the database (default ./cc-syndicate.db)")
    originals.add_argument("--backfill", metavar="N", type=int, default=None,
                           help="also walk N older pages of WordPress feeds (?paged=2, 3, ...)")
    originals.add_argument("--json", action="store_true", help="print a summary as JSON")
    _private(originals)

    audit = sub.add_parser("audit", help="audit the publishers' own licence notices",
                           description="Judge the notices on the publishers' own articles (the latest in the database, "
                                       "else those their feeds list) and propose the notice for the article template.")
    audit.add_argument("--rules", metavar="DIR", help="rule files (default ./rules)")
    audit.add_argument("--db", metavar="PATH", help="the database whose originals are audited, and where the audit is "
                                                    "kept for the report (default ./cc-syndicate.db when it exists)")
    audit.add_argument("--limit", metavar="N", type=int, default=DEFAULT_LIMIT,
                       help=f"articles per publisher, the latest first (default {DEFAULT_LIMIT}; 0 for all)")
    audit.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    _private(audit)

    demo = sub.add_parser("demo", help="run the whole pipeline on bundled sites served on this machine",
                          description="Serve bundled example sites on 127.0.0.1 and run the whole job over them: "
                                      "no network needed.")
    demo.add_argument("--dir", metavar="DIR", default="cc-syndicate-demo",
                      help="where the demo keeps its database and report (default ./cc-syndicate-demo)")
    demo.add_argument("--format", choices=["text", "json"], default="text")

    serve = sub.add_parser("serve", help="the web page where republishers check their own pages",
                           description="Serve the check page, the republish page and their JSON API with waitress; "
                                       "see the [serve] settings for limits, cache and a proxy in front.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080; 0: any free port)")
    serve.add_argument("--rules", metavar="DIR", help="rule files (default ./rules)")
    serve.add_argument("--db", metavar="PATH", help="the database whose originals index finds originals "
                                                   "(default ./cc-syndicate.db, when it exists)")
    _private(serve)
    _case_parser(sub)

    user = sub.add_parser("user", help="editors' accounts for the pages under /editors/ of serve",
                          description="Add, list, change and remove the accounts editors log in with on serve's /editors/ "
                                      "pages. Passwords are asked twice, never echoed, and kept as a salted scrypt hash.")
    actions = user.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action, text in (("add", "add an account (asks its password)"), ("list", "list the accounts"),
                         ("password", "change an account's password (asks it; its sessions end)"),
                         ("remove", "remove an account (its sessions end; its actions stay in the cases' history)")):
        parser_ = actions.add_parser(action, help=text, description=text[0].upper() + text[1:] + ".")
        if action != "list":
            parser_.add_argument("name", metavar="NAME", help="the login name, e.g. anna.rossi")
        parser_.add_argument("--db", metavar="PATH", help="the database serve uses (default ./cc-syndicate.db)")
    return parser


def _case_parser(sub: Any) -> None:
    case = sub.add_parser("case", help="editors' triage: list cases, show one, mark it notified, dismiss, reopen, note",
                          description="Editors' cases: one per republished page and original. Each action is stored "
                                      "with who and when. A case is named by its ID or by its page's URL.")
    actions = case.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="the cases, most urgent first")
    listing.add_argument("--status", choices=STATUSES, help="only cases in this status (default: all with findings)")
    listing.add_argument("--republisher", metavar="R", help="only this republisher's cases (its name as the report shows it)")
    listing.add_argument("--json", action="store_true", help="print a JSON array of cases")
    show = actions.add_parser("show", help="one case: findings as sentences, history, the notice to send")
    show.add_argument("case", metavar="ID|URL")
    show.add_argument("--json", action="store_true", help="print the case as JSON")
    notify = actions.add_parser("notify", help="record that the republisher was notified (the 30-day cure period starts)")
    notify.add_argument("case", metavar="ID|URL")
    notify.add_argument("--via", choices=VIAS, default="email", help="how (default email)")
    notify.add_argument("--date", metavar="YYYY-MM-DD", help="the day the notice was sent (default today)")
    notify.add_argument("--note", metavar="TEXT", default="", help="what was sent, to whom")
    dismiss = actions.add_parser("dismiss", help="dismiss the case: it counts nowhere as a violation")
    dismiss.add_argument("case", metavar="ID|URL")
    dismiss.add_argument("--reason", required=True, choices=REASONS, help="why")
    dismiss.add_argument("--note", metavar="TEXT", default="", help="details (required with --reason other)")
    reopen = actions.add_parser("reopen", help="reopen a dismissed case")
    reopen.add_argument("case", metavar="ID|URL")
    reopen.add_argument("--note", metavar="TEXT", default="", help="why")
    note = actions.add_parser("note", help="add a note to the case's history")
    note.add_argument("case", metavar="ID|URL")
    note.add_argument("text", metavar="TEXT")
    for action in (listing, show, notify, dismiss, reopen, note):
        action.add_argument("--db", metavar="PATH", help="the database (default ./cc-syndicate.db)")
        if action not in (listing, show):
            action.add_argument("--by", metavar="NAME", help="who acts (default: the user running the command)")


def _private(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-private", action="store_true", default=None,
                        help="let the crawler reach loopback and private addresses (refused by default)")


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    # SafeStream is a text stream that escapes what it is given
    out, err = cast(TextIO, SafeStream(stdout or sys.stdout)), cast(TextIO, SafeStream(stderr or sys.stderr))
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args, out, err)
    except (CCSyndicateError, OSError) as exc:
        print(f"cc-syndicate: error: {exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cc-syndicate: interrupted", file=err)
        return 130
    except Exception:  # noqa: BLE001 - a bug: say so, keep the traceback, and do not exit 1
        print(f"cc-syndicate: internal error (please report it):\n{traceback.format_exc()}", file=err)
        return EXIT_BUG


def run_main() -> None:
    sys.exit(main())


def _settings(args: argparse.Namespace) -> Settings:
    """The settings, the flags given on the command line over cc-syndicate.toml over the defaults."""
    flags = {setting: getattr(args, flag, None) for flag, setting in FLAGS.items()}
    if flags["scheduler"] is not None:
        flags["scheduler"] = scheduler_address(flags["scheduler"])
    return resolve_settings(flags)


def _rules(option: str | None, settings: Settings) -> list[Rules]:
    """The rules named by --rules (which must exist), else those of the default folder when it exists."""
    if option:
        return load_rules(Path(option))
    default = Path(settings.rules_path)
    return load_rules(default) if default.is_dir() else []


def _fetcher(settings: Settings, args: argparse.Namespace | None = None) -> Fetcher:
    return Fetcher(settings, allow_private=settings.allow_private or bool(getattr(args, "allow_private", False)))


def _one_judge(settings: Settings, rules: list[Rules]) -> Judges:
    """One judging process for a single check, under the page budget (none with ``judge_processes = 0``)."""
    return open_judges(settings, rules, processes=min(processes_for(settings), 1), local=True)


def _url_argument(name: str, url: str | None) -> None:
    problem = url_problem(url) if url is not None else None
    if problem:
        raise UsageError(f"{name} {url!r} is not a URL that can be checked: {problem}; "
                         "pass a full http(s) URL such as https://example.org/2024/05/article/")


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _url_argument("URL", args.url)
    _url_argument("--original", args.original)
    settings = _settings(args)
    rules = _rules(args.rules, settings)
    if args.db and not Path(settings.db_path).exists():
        raise UsageError(f"{args.db} does not exist: pass the --db that `cc-syndicate run` or `originals` filled")
    store = Store(settings.db_path, readonly=True) if args.db else None
    try:
        with _fetcher(settings, args) as fetcher, _one_judge(settings, rules) as judges:
            result = check_url(args.url, fetcher, rules, original_url=args.original, store=store, judges=judges)
    finally:
        if store is not None:
            store.close()
            for notice in store.notices:
                print(f"cc-syndicate: {notice}", file=err)
    if args.format == "json":
        print(json.dumps(check_json(result), ensure_ascii=False, indent=2), file=out)
    else:
        print(check_text(result), file=out)
    return EXIT_FOUND if result.verdict == "violation" else EXIT_OK


def cmd_inspect(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _url_argument("URL", args.url)
    settings = _settings(args)
    with _fetcher(settings) as fetcher, _one_judge(settings, []) as judges:
        page = fetch_page(fetcher, args.url, judges)
    if args.format == "json":
        print(json.dumps(page_json(page), ensure_ascii=False, indent=2), file=out)
    else:
        print(page_text(page), file=out)
    return EXIT_OK


def cmd_run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = _settings(args)
    rules = load_rules(Path(settings.rules_path), required=True)
    feeds = load_feeds(Path(settings.feeds_path), required=True)
    report = _report_folder(settings.report_path)
    progress = _progress_bar(err) if err.isatty() and not args.json else None
    try:
        with RunLock(settings.db_path), open_context(settings, rules) as context:
            summary = run(context, feeds, progress=progress)
            for message in summary.messages:
                print(f"cc-syndicate: {message}", file=err)
            index = _write_report(context.store, report, summary, settings)
            _print_summary(summary, index, args, out)
            out.flush()
            announced(context.store, summary)  # only now: a run stopped before this point leaves them to the next
    except LockHeld as exc:
        print(f"cc-syndicate: {exc}", file=err)
        return EXIT_LOCKED
    if summary.nothing_read:
        return EXIT_UNAVAILABLE
    return EXIT_FOUND if summary.new else EXIT_OK


def _write_report(store: Store, folder: Path, summary: RunSummary, settings: Settings) -> Path:
    try:
        return write_report(store, folder, settings=settings.report)
    except OSError as exc:
        waiting = f"; the {summary.new} new violation(s) will be announced by the next run that can" if summary.new else ""
        raise UsageError(f"cannot write the report into {folder} ({exc.strerror or exc}): make the folder writable "
                         f"for this user, or pass --report with one that is{waiting}") from None


def _print_summary(summary: RunSummary, index: Path, args: argparse.Namespace, out: TextIO) -> None:
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2), file=out)
        return
    if not (summary.new or args.verbose):
        return
    print(f"{summary.new} new violation(s), {summary.open} still open, {summary.resolved} resolved; "
          f"{summary.pages_checked} page(s) checked, {summary.pages_rechecked} re-checked, "
          f"{summary.feeds_failing} feed(s) failing, {summary.failing_pages} page(s) unreadable. Report: {index}", file=out)
    for v in summary.new_violations[:LISTED]:
        print(f"  {v.code}: {v.page_url} ({v.republisher})", file=out)
    if len(summary.new_violations) > LISTED:
        print(f"  ... and {len(summary.new_violations) - LISTED} more in the report", file=out)


def _report_folder(option: str | Path) -> Path:
    """The report folder, made and tried now: a run must not do its work only to find it cannot write the report."""
    folder = Path(option)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the report folder {folder} ({exc.strerror or exc}): "
                         "pass --report with a folder you can write to") from None
    try:
        with tempfile.NamedTemporaryFile(prefix=".cc-syndicate-probe-", dir=folder):
            pass
    except OSError as exc:
        raise UsageError(f"cannot write into the report folder {folder} ({exc.strerror or exc}): make it writable "
                         "for the user that runs cc-syndicate, or pass --report with a folder you can write to") from None
    return folder


def _progress_bar(stream: TextIO) -> Callable[[int, int, str], None]:
    def show(done: int, total: int, label: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done == total else ""
        getattr(stream, "layout", stream.write)("\r")  # the bar's own carriage return, never escaped
        stream.write(f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}{end}")
        stream.flush()
    return show


def cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = _settings(args)
    db = Path(settings.db_path)
    if not db.exists():
        raise UsageError(f"{db} does not exist: run `cc-syndicate run` first, or pass --db")
    report = _report_folder(settings.report_path)
    with Store(db, readonly=True) as store:
        index = write_report(store, report, settings=settings.report)
    print(f"Report written: {index}", file=out)
    return EXIT_OK


def cmd_originals(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = _settings(args)
    rules = _rules(settings.rules_path, settings)
    if not any(r.publisher.feeds for r in rules):
        raise UsageError("no rule lists publisher feeds: add feeds = [...] to [publisher] in the rule files")
    with open_context(settings, rules) as context:
        report = ingest_originals(context, walk_unchanged=args.backfill is not None)
        total = context.store.original_count()
    summary = {"feeds_fetched": report.feeds_fetched, "feeds_not_modified": report.feeds_not_modified,
               "feeds_deferred": report.feeds_deferred, "feeds_failed": report.feeds_failed,
               "originals_added": report.originals_added, "originals_total": total,
               "problems": [{"url": u, "error": m} for u, m in report.problems]}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2), file=out)
    else:
        print(f"feeds: {report.feeds_fetched} fetched, {report.feeds_not_modified} not modified, "
              f"{report.feeds_deferred} deferred, {report.feeds_failed} failed; originals: "
              f"{report.originals_added} added, {total} in the database", file=out)
        for url, message in report.problems:
            print(f"  problem: {message}" if message.startswith(url) else f"  problem: {url}: {message}", file=err)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = _settings(args)
    rules = load_rules(Path(settings.rules_path), required=True)
    if args.limit < 0:
        raise UsageError("--limit must be 0 (every article) or more")
    db = Path(settings.db_path)
    if args.db and not db.exists():
        raise UsageError(f"{db} does not exist: pass the --db that `cc-syndicate run` or `originals` filled, "
                         "or leave --db out to audit the articles the feeds list")
    store = Store(db) if db.exists() else None
    try:
        with _fetcher(settings, args) as fetcher, _one_judge(settings, rules) as judges, \
                FeedParser(settings.feed_parse_timeout, settings.feed_parse_memory_mb) as parser:
            report = audit_publishers(rules, fetcher, parser, store, limit=args.limit, judges=judges)
        if not report.articles:
            problems = "; ".join(m if not u or m.startswith(u) else f"{u}: {m}" for p in report.publishers
                                 for u, m in p.problems)
            raise UsageError(f"no article could be audited ({problems})")
        if store is not None:
            store.save_audit(report.to_json())
    finally:
        if store is not None:
            store.close()
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2), file=out)
    else:
        print(audit_text(report), file=out)
    return EXIT_FOUND if report.findings else EXIT_OK


def cmd_case(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = _settings(args)
    db = Path(settings.db_path)
    if not db.exists():
        raise UsageError(f"{db} does not exist: run `cc-syndicate run` first, or pass --db")
    now = datetime.now(UTC)
    if args.action in ("list", "show"):
        with Store(db, readonly=True) as store:
            return _case_read(args, store, now, out)
    with Store(db) as store:
        facts = store.one_case(args.case)
        action = _case_action(args, now)
        triage = store.act(facts.id, action)
    print(_acted(facts.id, action.kind, triage), file=out)
    return EXIT_OK


def _case_read(args: argparse.Namespace, store: Store, now: datetime, out: TextIO) -> int:
    if args.action == "show":
        view = case_view(store, store.one_case(args.case).id, now, "en")
        assert view is not None
        print(json.dumps(case_json(view), ensure_ascii=False, indent=2) if args.json else case_text(view), file=out)
        return EXIT_OK
    views = [build_case(f, now, "en") for f in store.case_facts()]
    views = [v for v in views if (v.status == args.status if args.status else v.status != "compliant")
             and (args.republisher is None or v.republisher == args.republisher)]
    views.sort(key=lambda v: (v.status not in ("new", "open"), -v.days_open, v.id))
    if args.json:
        print(json.dumps([case_json(v) for v in views], ensure_ascii=False, indent=2), file=out)
    else:
        print(cases_text(views), file=out)
    return EXIT_OK


def _case_action(args: argparse.Namespace, now: datetime) -> CaseAction:
    by = args.by or _os_user()
    if args.action == "notify":
        return lifecycle.notified(by, now, via=args.via, note=args.note, on=args.date)
    if args.action == "dismiss":
        return lifecycle.dismissed(by, now, reason=args.reason, note=args.note)
    if args.action == "reopen":
        return lifecycle.reopened(by, now, note=args.note)
    return lifecycle.noted(by, now, args.text)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise UsageError("cannot tell which user is running this: pass --by NAME") from None


def _acted(case_id: int, kind: str, triage: Triage) -> str:
    if kind == "notified":
        return (f"Case #{case_id}: notified on {triage.notified_at[:10]} ({triage.notified_via}); "  # type: ignore[index]
                f"the {lifecycle.CURE_DAYS}-day cure period ends on {triage.cure_deadline}.")
    if kind == "dismissed":
        return f"Case #{case_id}: dismissed ({triage.dismissed_reason}); it counts nowhere as a violation until reopened."
    if kind == "reopened":
        return f"Case #{case_id}: reopened."
    return f"Case #{case_id}: note added."


def cmd_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .demo import run_demo

    return run_demo(out, Path(args.dir), fmt=args.format)


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .web import serve_forever  # Flask and waitress are loaded for this command only

    settings = _settings(args)
    rules = load_rules(Path(settings.rules_path))
    db = Path(settings.db_path)
    if args.db and not db.exists():
        raise UsageError(f"{db} does not exist: pass the --db that `cc-syndicate run` or `originals` filled")
    if not db.exists():
        print(f"cc-syndicate: no database at {db}: originals are found from the pages' links only", file=err)
    serve_forever(settings, rules, db if db.exists() else None, host=args.host, port=args.port,
                  allow_private=settings.allow_private, announce=lambda line: print(line, file=out, flush=True))
    return EXIT_OK


def cmd_user(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    db = Path(_settings(args).db_path)
    if not db.exists():
        raise UsageError(f"{db} does not exist: pass the --db that `cc-syndicate serve` uses (run "
                         "`cc-syndicate run` once to make it)")
    with Store(db) as store:
        if args.action == "list":
            for account in store.accounts():
                print(f"{account.name}\tadded {account.created_at}\tlast login {account.last_login_at or 'never'}", file=out)
        elif args.action == "remove":
            accounts.remove_account(store, args.name)
            print(f"Account {args.name} removed.", file=out)
        elif args.action == "add":
            accounts.check_new(store, args.name)  # a bad or taken name is said before a password is asked
            accounts.add_account(store, args.name, _new_password(args.name))
            print(f"Account {args.name} added: log in at /editors/ of `cc-syndicate serve --db {db}`.", file=out)
        else:
            accounts.existing(store, args.name)
            accounts.change_password(store, args.name, _new_password(args.name))
            print(f"Password of {args.name} changed; its sessions have ended.", file=out)
    return EXIT_OK


def _new_password(name: str) -> str:
    """A password typed twice, never echoed (getpass)."""
    password = getpass.getpass(f"Password for {name}: ")
    problem = accounts.password_problem(name, password)
    if problem:
        raise UsageError(f"{problem}; nothing was changed")
    if getpass.getpass("The same password again: ") != password:
        raise UsageError("the two passwords differ; nothing was changed")
    return password


COMMANDS = {"run": cmd_run, "report": cmd_report, "check": cmd_check, "inspect": cmd_inspect,
            "originals": cmd_originals, "audit": cmd_audit, "demo": cmd_demo, "serve": cmd_serve, "case": cmd_case,
            "user": cmd_user}


