"""The database schema as one DDL script, its version, and the migrations that reach it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from wirereader.storage.entities import ENTITY_DDL
from wirereader.storage.errors import SchemaVersionError, StorageError
from wirereader.storage.full import FULL_DDL
from wirereader.storage.saved import SAVED_DDL
from wirereader.storage.search import SEARCH_DDL, index_all
from wirereader.storage.sql import run_script, transaction

SCHEMA_VERSION = 7

# Timestamps are fixed-width UTC ISO-8601 text (see dates.py), so text order is time order.
SCHEMA = (
    """
CREATE TABLE feeds (
    -- surrogate key the articles refer to
    id INTEGER PRIMARY KEY,
    -- address the feed document is fetched from; one subscription per address
    url TEXT NOT NULL UNIQUE,
    -- the feed's own title, or the one given when subscribing; '' until known
    title TEXT NOT NULL DEFAULT '',
    -- 1 once the user named the feed: fetched documents no longer change the title
    title_locked INTEGER NOT NULL DEFAULT 0 CHECK (title_locked IN (0, 1)),
    -- the website the feed belongs to, when the feed names one
    link TEXT,
    -- the feed's description of itself
    description TEXT NOT NULL DEFAULT '',
    -- the user's tags for the feed, as a JSON array of strings
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    -- when the feed was subscribed
    added_at TEXT NOT NULL,
    -- when a fetched document last updated this row; NULL before the first fetch
    updated_at TEXT,
    -- why the last fetch or parse failed; NULL when it succeeded
    last_error TEXT,
    -- ETag of the last full response, sent back as If-None-Match for a conditional GET
    etag TEXT,
    -- Last-Modified of the last full response, sent back as If-Modified-Since
    last_modified TEXT,
    -- hash of the last document body, so an unchanged body is not parsed again
    content_hash TEXT,
    -- when the user unsubscribed; a removed feed stays as a hidden row only while starred
    -- articles of it are kept, and is never fetched
    removed_at TEXT,
    -- when the server answered 410 Gone; a gone feed is listed but never fetched again
    gone_at TEXT,
    -- not to be fetched before this time: the server asked us to back off (Retry-After)
    retry_after TEXT,
    -- when the feed was last fetched, whatever the outcome (a 304 included); NULL before
    checked_at TEXT,
    -- auto-refresh interval of this feed in minutes; NULL follows the config, 0 never
    refresh_minutes INTEGER CHECK (refresh_minutes IS NULL OR refresh_minutes >= 0),
    -- retention of this feed in days; NULL follows the config, 0 keeps everything
    keep_days INTEGER CHECK (keep_days IS NULL OR keep_days >= 0),
    -- 1: fetch every new article's web page in the background during refresh
    fetch_full INTEGER NOT NULL DEFAULT 0 CHECK (fetch_full IN (0, 1)),
    -- 1: the feed's articles are left out of the All and Unread views
    hide_from_all INTEGER NOT NULL DEFAULT 0 CHECK (hide_from_all IN (0, 1)),
    -- 1: articles arrive already marked read
    read_on_arrival INTEGER NOT NULL DEFAULT 0 CHECK (read_on_arrival IN (0, 1))
);

CREATE TABLE articles (
    -- surrogate key; among equal dates a higher id sorts as newer
    id INTEGER PRIMARY KEY,
    -- the feed the article came from; its articles go when it is deleted
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    -- the feed's identifier for the item (guid/id, else the link), unique within the feed
    guid TEXT NOT NULL,
    -- headline as plain text
    title TEXT NOT NULL DEFAULT '',
    -- address of the full article on the web
    link TEXT,
    -- author name as the feed gives it
    author TEXT,
    -- when the feed says the article was published
    published TEXT,
    -- when the feed says the article was last changed
    updated TEXT,
    -- the feed's short description or teaser, as untrusted HTML
    summary TEXT NOT NULL DEFAULT '',
    -- the feed's full body, as untrusted HTML; '' when only a summary is given
    content_html TEXT NOT NULL DEFAULT '',
    -- when this database first stored the article
    first_seen TEXT NOT NULL,
    -- the date lists sort by: the best date the feed gave, else when it was first seen;
    -- a plain column, not a generated one, because SQLite will not read a generated column
    -- from a covering index
    sort_date TEXT NOT NULL CHECK (sort_date = coalesce(published, updated, first_seen)),
    -- 1 once the user has read the article
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    -- 1 while the user keeps the article starred
    starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    -- when the article was marked read; NULL while unread
    read_at TEXT,
    -- when the article was starred; NULL while not starred
    starred_at TEXT,
    UNIQUE (feed_id, guid)
);

-- One index per list view, each in list order (newest first, id breaking ties), so a page,
-- a count or a position is read from the index alone. The unread and starred ones are
-- partial: they hold only the rows their view shows.
CREATE INDEX articles_all ON articles (sort_date DESC, id DESC);
CREATE INDEX articles_feed ON articles (feed_id, sort_date DESC, id DESC);
CREATE INDEX articles_unread ON articles (sort_date DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_feed_unread ON articles (feed_id, sort_date DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_starred ON articles (sort_date DESC, id DESC) WHERE starred = 1;
CREATE INDEX articles_feed_starred ON articles (feed_id, sort_date DESC, id DESC)
    WHERE starred = 1;

-- What a list row and a search's per-match check read, by id. The rows keep their small
-- columns after the ~10 KB bodies, so reading sort_date or read from the row itself walks
-- its overflow pages: ~14 us a row warm, and 3-4 disk reads a row cold.
CREATE INDEX articles_rows ON articles
    (id, feed_id, sort_date, read, starred, published, updated, title);

CREATE TABLE annotations (
    -- the article whose texts were annotated; the cache entry goes with it
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    -- version of the recogniser that found the spans; another version means stale
    recogniser_version TEXT NOT NULL,
    -- hash of the annotated texts; another hash means the texts changed
    text_hash TEXT NOT NULL,
    -- compact JSON: one list per text of [start, end, label] lists
    spans TEXT NOT NULL
);
"""
    + FULL_DDL
    + SEARCH_DDL
    + SAVED_DDL
    + ENTITY_DDL
)

Migration = Callable[[sqlite3.Connection], None]


def _add_subscription_columns(db: sqlite3.Connection) -> None:
    """Version 2: user titles, removed feeds kept for starred articles, gone feeds, back-off."""
    db.execute(
        "ALTER TABLE feeds ADD COLUMN title_locked INTEGER NOT NULL DEFAULT 0 "
        "CHECK (title_locked IN (0, 1))"
    )
    for column in ("removed_at", "gone_at", "retry_after"):
        db.execute(f"ALTER TABLE feeds ADD COLUMN {column} TEXT")


def _add_search_index(db: sqlite3.Connection) -> None:
    """Version 3: the full-text index, filled from the articles already stored."""
    run_script(db, SEARCH_DDL)
    index_all(db)


def _add_saved_searches(db: sqlite3.Connection) -> None:
    """Version 4: saved searches."""
    run_script(db, SAVED_DDL)


def _add_entity_index(db: sqlite3.Connection) -> None:
    """Version 5: the entity index. The span cache is emptied so that re-annotating fills it
    (it is a cache: an article's spans are recomputed when it is next opened or warmed)."""
    run_script(db, ENTITY_DDL)
    db.execute("DELETE FROM annotations")


def _add_feed_settings(db: sqlite3.Connection) -> None:
    """Version 6: per-feed settings, when each feed was last checked, and full articles."""
    db.execute("ALTER TABLE feeds ADD COLUMN checked_at TEXT")
    for column in ("refresh_minutes", "keep_days"):
        db.execute(
            f"ALTER TABLE feeds ADD COLUMN {column} INTEGER "
            f"CHECK ({column} IS NULL OR {column} >= 0)"
        )
    for column in ("fetch_full", "hide_from_all", "read_on_arrival"):
        db.execute(
            f"ALTER TABLE feeds ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0 "
            f"CHECK ({column} IN (0, 1))"
        )
    run_script(db, FULL_DDL)


def _add_row_index(db: sqlite3.Connection) -> None:
    """Version 7: the index list rows and search checks read instead of the article rows."""
    db.execute(
        "CREATE INDEX articles_rows ON articles "
        "(id, feed_id, sort_date, read, starred, published, updated, title)"
    )


# MIGRATIONS[n] turns a version n-1 database into version n.
MIGRATIONS: dict[int, Migration] = {
    2: _add_subscription_columns,
    3: _add_search_index,
    4: _add_saved_searches,
    5: _add_entity_index,
    6: _add_feed_settings,
    7: _add_row_index,
}


@dataclass(frozen=True)
class SchemaPlan:
    """A target schema: the DDL for a fresh database, its version and the upgrade steps."""

    ddl: str
    version: int
    migrations: Mapping[int, Migration] = field(default_factory=dict)


CURRENT = SchemaPlan(SCHEMA, SCHEMA_VERSION, MIGRATIONS)


def migrate(db: sqlite3.Connection, plan: SchemaPlan = CURRENT) -> None:
    """Bring the database to `plan.version`: all at once when empty, else step by step.

    Each step is its own transaction, so an interrupted upgrade stops at a whole version.
    """
    while (version := user_version(db)) != plan.version:
        _refuse_newer(version, plan)
        with transaction(db):
            _step(db, plan)


def user_version(db: sqlite3.Connection) -> int:
    """Return the schema version recorded in the database header (0 for a new database)."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    return int(version)


def _step(db: sqlite3.Connection, plan: SchemaPlan) -> None:
    """Apply one step towards `plan`; the version is re-read under the write lock.

    Another wirereader instance may have migrated between our check and our lock.
    """
    version = user_version(db)
    _refuse_newer(version, plan)
    if version == 0:
        _create(db, plan)
    elif version < plan.version:
        _upgrade(db, plan, version + 1)


def _create(db: sqlite3.Connection, plan: SchemaPlan) -> None:
    """Create the whole schema in an empty database."""
    (tables,) = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    if tables:
        raise StorageError("the file is an SQLite database but not a wirereader one")
    run_script(db, plan.ddl)
    _set_user_version(db, plan.version)


def _upgrade(db: sqlite3.Connection, plan: SchemaPlan, target: int) -> None:
    """Run the migration to version `target` and check it left no dangling references."""
    migration = plan.migrations.get(target)
    if migration is None:
        raise SchemaVersionError(f"no migration from schema version {target - 1} to {target}")
    migration(db)
    if db.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise StorageError(f"migration to schema version {target} broke foreign keys")
    _set_user_version(db, target)


def _refuse_newer(version: int, plan: SchemaPlan) -> None:
    """Raise SchemaVersionError when a newer wirereader wrote the database."""
    if version > plan.version:
        raise SchemaVersionError(
            f"the database has schema version {version} but this wirereader understands only "
            f"up to {plan.version}; upgrade wirereader to open it"
        )


def _set_user_version(db: sqlite3.Connection, version: int) -> None:
    """Record the schema version; PRAGMA takes no parameters, hence the checked int."""
    db.execute(f"PRAGMA user_version = {int(version)}")
