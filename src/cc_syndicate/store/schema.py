"""The database schema: numbered migrations, each applied once in its own transaction.

Migrations only ever add (tables, columns, indexes) and fill what they add; a database of any earlier
release opens and is brought up to date. ``PRAGMA user_version`` holds the number applied last.
"""

from __future__ import annotations

SCHEMA: list[str] = [
    # 1: originals, the URLs they are known by, and what the crawler remembers of each feed.
    """
    CREATE TABLE originals (
        id            INTEGER PRIMARY KEY,
        publisher     TEXT NOT NULL,              -- the rule's publisher name
        url           TEXT NOT NULL,              -- where it was fetched (after redirects)
        canonical_url TEXT,                       -- what the page declares, if anything
        title         TEXT NOT NULL DEFAULT '',
        authors       TEXT NOT NULL DEFAULT '[]', -- JSON list of names
        published     TEXT,
        license       TEXT,                       -- JSON [unit, version, jurisdiction], NULL if none declared
        site_name     TEXT,
        media_credits TEXT NOT NULL DEFAULT '[]', -- JSON list of [credit, media URL, statement]
        notices       TEXT NOT NULL DEFAULT '[]', -- the page's own licence and rights lines
        text          TEXT NOT NULL,              -- the article's main text
        fingerprint   BLOB NOT NULL,              -- sampled shingle keys (uint32, little-endian) for the index
        added_at      TEXT NOT NULL
    );
    -- Every URL an original is known by (fetched, canonical, feed link), as urls.article_key() writes it.
    CREATE TABLE original_urls (
        key         TEXT PRIMARY KEY,
        original_id INTEGER NOT NULL REFERENCES originals(id) ON DELETE CASCADE
    );
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        role          TEXT NOT NULL CHECK (role IN ('publisher', 'republisher')),
        name          TEXT NOT NULL DEFAULT '',
        etag          TEXT,                       -- validators, saved from 2xx responses only
        last_modified TEXT,
        body_hash     TEXT,                       -- an unchanged body counts as not modified
        checked_at    TEXT,
        status        TEXT,                       -- ok, not-modified, failed, retired
        error         TEXT,
        next_try_at   TEXT,                       -- Retry-After and back-off, honoured across runs
        failures      INTEGER NOT NULL DEFAULT 0,
        moved_to      TEXT,                       -- a permanent redirect seen ...
        moved_seen    INTEGER NOT NULL DEFAULT 0, -- ... on this many runs in a row
        retired_at    TEXT                        -- 410 Gone
    );
    """,
    # 2: runs, republished pages, what each reproduces, and violations over time.
    """
    ALTER TABLE feeds ADD COLUMN feed_url TEXT;   -- the feed found at a home page, or where it moved for good
    ALTER TABLE feeds ADD COLUMN contact TEXT;    -- from feeds/*.toml, for the notices
    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT,                         -- NULL: the run was interrupted
        summary     TEXT                          -- JSON, as `run --json` prints it
    );
    -- Feed entries already handled, by guid, else link, else a hash of their content.
    CREATE TABLE entries (
        feed_url TEXT NOT NULL,
        key      TEXT NOT NULL,
        page_url TEXT,
        seen_at  TEXT NOT NULL,
        PRIMARY KEY (feed_url, key)
    );
    CREATE TABLE pages (
        url           TEXT PRIMARY KEY,
        feed_url      TEXT NOT NULL,
        republisher   TEXT NOT NULL,
        title         TEXT NOT NULL DEFAULT '',
        text          TEXT NOT NULL DEFAULT '',   -- the page's visible article text, for the report
        etag          TEXT,
        last_modified TEXT,
        status        TEXT NOT NULL,              -- checked, not-modified, gone, blocked, failed, exempt
        error         TEXT,
        first_seen    TEXT NOT NULL,
        checked_at    TEXT NOT NULL,
        checked_run   INTEGER
    );
    -- A page judged against an original: the latest verdict and the check's JSON.
    CREATE TABLE reproductions (
        page_url    TEXT NOT NULL REFERENCES pages(url) ON DELETE CASCADE,
        original_id INTEGER NOT NULL REFERENCES originals(id),
        kind        TEXT NOT NULL,
        containment REAL NOT NULL,
        page_share  REAL NOT NULL,
        verdict     TEXT NOT NULL,
        result      TEXT NOT NULL,
        checked_at  TEXT NOT NULL,
        PRIMARY KEY (page_url, original_id)
    );
    -- One row per (page, original, code) while it lasts; a violation that comes back after being
    -- resolved is a new row, so every row's first_seen says since when that breach has run.
    CREATE TABLE violations (
        id          INTEGER PRIMARY KEY,
        page_url    TEXT NOT NULL,
        original_id INTEGER REFERENCES originals(id),  -- NULL when the page could not be read at all
        code        TEXT NOT NULL,
        severity    TEXT NOT NULL,
        message     TEXT NOT NULL,
        evidence    TEXT NOT NULL,                     -- JSON
        first_seen  TEXT NOT NULL,
        last_seen   TEXT NOT NULL,
        resolved_at TEXT,
        first_run   INTEGER NOT NULL,
        last_run    INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX violations_open ON violations (page_url, IFNULL(original_id, 0), code) WHERE resolved_at IS NULL;
    CREATE INDEX violations_page ON violations (page_url)
    """,
    # 3: hosts that asked to wait.
    """
    -- Hosts that answered 429/503 with Retry-After: not asked again before ``until`` (Unix time).
    CREATE TABLE host_waits (
        host  TEXT PRIMARY KEY,
        until REAL NOT NULL
    )
    """,
    # 4: what has been announced, feed and page health, and texts kept only where a case needs them.
    """
    -- The run that announced a violation (exit 1, summary line, Atom feed); NULL until one has. Violations
    -- of finished runs were announced by them; those of a run killed before announcing were not.
    ALTER TABLE violations ADD COLUMN announced_run INTEGER;
    UPDATE violations SET announced_run = first_run
        WHERE first_run IN (SELECT id FROM runs WHERE finished_at IS NOT NULL);
    CREATE INDEX violations_unannounced ON violations (id) WHERE announced_run IS NULL;
    ALTER TABLE feeds ADD COLUMN failing_since TEXT;  -- the first failure of the current series
    ALTER TABLE feeds ADD COLUMN reminded_at TEXT;    -- when a run last said that it fails (once a day)
    ALTER TABLE feeds ADD COLUMN listed_run INTEGER;  -- the last run whose rules or feeds/ listed it
    UPDATE feeds SET failing_since = COALESCE(retired_at, checked_at) WHERE status IN ('failed', 'retired');
    -- A page's text is kept only while a case needs it; its hash always (it tells a changed page).
    ALTER TABLE pages ADD COLUMN text_hash TEXT;
    ALTER TABLE pages ADD COLUMN failing_since TEXT;  -- the first failed fetch of the current series
    UPDATE pages SET failing_since = checked_at WHERE status = 'failed';
    UPDATE pages SET text = '' WHERE url NOT IN (SELECT page_url FROM reproductions);
    -- When a run last said something that is repeated once a day while it lasts (unreadable pages).
    CREATE TABLE reminders (
        topic   TEXT PRIMARY KEY,
        said_at TEXT NOT NULL
    )
    """,
    # 5: editors' cases: one per republished page and original, what people did to each, and findings that
    # ended because the page disappeared.
    """
    -- A case: one republished page against one original (NULL when the page could not be read to find it).
    -- Its findings are the rows of violations that carry its id. The triage columns are what the actions
    -- in case_actions leave (kept here so that every count can leave dismissed cases out in SQL).
    CREATE TABLE cases (
        id               INTEGER PRIMARY KEY,
        page_url         TEXT NOT NULL,
        original_id      INTEGER REFERENCES originals(id),
        opened_at        TEXT NOT NULL,               -- when the page was first found to reproduce it, or a finding
        notified_at      TEXT,                        -- the first notice to the republisher (day or time)
        notified_via     TEXT,                        -- email, phone, form, letter, other
        dismissed_at     TEXT,                        -- NULL unless dismissed
        dismissed_reason TEXT,                        -- false-positive, permission, not-ours, other
        dismissed_note   TEXT NOT NULL DEFAULT '',
        dismissed_codes  TEXT NOT NULL DEFAULT '[]'   -- JSON: the open codes it was dismissed with
    );
    CREATE UNIQUE INDEX cases_pair ON cases (page_url, IFNULL(original_id, 0));
    -- The audit trail: every action on a case, who took it and when; never changed or removed.
    CREATE TABLE case_actions (
        id      INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        kind    TEXT NOT NULL CHECK (kind IN ('notified', 'dismissed', 'reopened', 'note')),
        at      TEXT NOT NULL,                        -- when it was recorded (UTC)
        by      TEXT NOT NULL,                        -- the editor (OS user or account), or cc-syndicate itself
        via     TEXT,
        reason  TEXT,
        note    TEXT NOT NULL DEFAULT '',
        day     TEXT,                                 -- notified: the day of the notice, when given
        codes   TEXT NOT NULL DEFAULT '[]'            -- JSON: dismissed with, or reopened for
    );
    CREATE INDEX case_actions_case ON case_actions (case_id, id);
    INSERT INTO cases (page_url, original_id, opened_at)
        SELECT page_url, original_id, MIN(since) FROM (
            SELECT page_url, original_id, first_seen AS since FROM violations
            UNION ALL SELECT page_url, original_id, checked_at FROM reproductions)
        GROUP BY page_url, IFNULL(original_id, 0);
    ALTER TABLE violations ADD COLUMN case_id INTEGER REFERENCES cases(id);
    UPDATE violations SET case_id = (SELECT c.id FROM cases c WHERE c.page_url = violations.page_url
                                     AND IFNULL(c.original_id, 0) = IFNULL(violations.original_id, 0));
    CREATE INDEX violations_case ON violations (case_id);
    -- 1 when the finding ended because its page answered 404 or 410 (the case is gone, not resolved).
    ALTER TABLE violations ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;
    UPDATE violations SET gone = 1 WHERE resolved_at IS NOT NULL
        AND resolved_at = (SELECT p.checked_at FROM pages p WHERE p.url = violations.page_url AND p.status = 'gone')
    """,
    # 6: editors' accounts for the pages under /editors/ (`cc-syndicate user add NAME`).
    """
    CREATE TABLE users (
        name                TEXT PRIMARY KEY COLLATE NOCASE,  -- the login name: "Anna" and "anna" are one account
        password_hash       TEXT NOT NULL,   -- werkzeug's "scrypt:N:r:p$salt$hash", a random salt per account
        session_epoch       INTEGER NOT NULL DEFAULT 0,  -- raised at logout and password change: older sessions end
        created_at          TEXT NOT NULL,
        password_changed_at TEXT NOT NULL,
        last_login_at       TEXT
    )
    """,
    # 7: the originals' own images, for a policy of images = "excluded".
    """
    -- JSON list of image URLs (a comment after the column would end up inside the table's stored schema)
    ALTER TABLE originals ADD COLUMN images TEXT NOT NULL DEFAULT '[]'
    """,
    # 8: the audits of the publishers' own notices, for the report's "Our own notices".
    """
    CREATE TABLE audits (
        id          INTEGER PRIMARY KEY,
        finished_at TEXT NOT NULL,
        result      TEXT NOT NULL                 -- JSON, as `audit --format json` prints it
    )
    """,
]
