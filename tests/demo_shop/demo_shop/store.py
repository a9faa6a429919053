"""SQLite persistence of the demo shop, with an in-memory cache of every record.

One process owns the database file, so records are read from memory and every change is
written through to SQLite at once: the state survives a restart (or a kill) while reads
stay cheap. One connection is shared by all request threads and guarded by
:attr:`Store.lock`, which the API also holds for the whole of a request so that a
request sees and leaves a consistent state.
"""

import json
import sqlite3
import threading
from datetime import datetime, timedelta, timezone

KINDS = (
    "customer",
    "product",
    "variation",
    "category",
    "order",
    "refund",
    "tax",
    "coupon",
    "webhook",
)

# First value of each id sequence. WordPress stores products and orders as posts, so
# they share one sequence; users (customers) start after the administrator (id 1).
_SEQUENCES = {
    "user": 2,
    "post": 10,
    "term": 16,
    "webhook": 1,
    "order_item": 1,
    "meta": 1,
    "tax": 1,
    "coupon": 1,
}

DEFAULT_CATEGORY_ID = 15

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,
    id INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS sequences (
    name TEXT PRIMARY KEY,
    next_value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    consumer_key TEXT PRIMARY KEY,
    consumer_secret TEXT NOT NULL,
    permissions TEXT NOT NULL,
    capable INTEGER NOT NULL
);
"""


def format_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


class Store:
    """Records by kind (see :data:`KINDS`), id sequences and API keys."""

    def __init__(self, path: str):
        self.lock = threading.RLock()
        self.path = path
        self._conn = sqlite3.connect(path, check_same_thread=False)
        self._frozen_now = None
        self._clock_offset = timedelta()
        with self.lock:
            self._conn.executescript(_SCHEMA)
            self._load()
            if not self._cache["customer"].get(1):
                self._install_defaults()
            self.commit()

    # -- lifecycle ---------------------------------------------------------------------
    def _load(self):
        self._cache = {kind: {} for kind in KINDS}
        for kind, record_id, data in self._conn.execute(
            "SELECT kind, id, data FROM records"
        ):
            if kind in self._cache:
                self._cache[kind][record_id] = json.loads(data)

    def _install_defaults(self):
        """The administrator (user 1) and default category of a fresh WooCommerce."""
        now = self.now()
        self.put(
            "customer",
            {
                "id": 1,
                "email": "admin@demo-shop.example",
                "username": "admin",
                "first_name": "Shop",
                "last_name": "Admin",
                "role": "administrator",
                "billing": {},
                "shipping": {},
                "is_paying_customer": False,
                "meta_data": [],
                "date_created": now,
                "date_modified": now,
            },
        )
        self.put(
            "category",
            {
                "id": DEFAULT_CATEGORY_ID,
                "name": "Uncategorized",
                "slug": "uncategorized",
                "parent": 0,
                "description": "",
                "display": "default",
                "image": None,
                "menu_order": 0,
            },
        )

    def close(self):
        with self.lock:
            self._conn.close()

    def reset(self):
        """Forget every record and sequence (API keys stay)."""
        with self.lock:
            self._conn.execute("DELETE FROM records")
            self._conn.execute("DELETE FROM sequences")
            self._load()
            self._install_defaults()
            self.commit()

    def commit(self):
        with self.lock:
            self._conn.commit()

    def rollback(self):
        """Undo uncommitted writes, in SQLite and in the cache."""
        with self.lock:
            if self._conn.in_transaction:
                self._conn.rollback()
                self._load()

    # -- clock -------------------------------------------------------------------------
    def now(self) -> str:
        """Current UTC time as a naive ISO string (the site timezone is UTC)."""
        if self._frozen_now is not None:
            return self._frozen_now
        moment = datetime.now(timezone.utc).replace(tzinfo=None) + self._clock_offset
        return format_date(moment)

    def set_clock(self, frozen: str | None = None, offset_seconds: float = 0.0):
        """Freeze the clock at ``frozen`` (ISO, UTC) or shift it; no args: real time."""
        self._frozen_now = frozen
        self._clock_offset = timedelta(seconds=offset_seconds)

    # -- records -----------------------------------------------------------------------
    def all(self, kind: str) -> list:
        """Records of ``kind`` in id order; read-only (change them with :meth:`put`)."""
        return [self._cache[kind][key] for key in sorted(self._cache[kind])]

    def get(self, kind: str, record_id) -> dict | None:
        return self._cache[kind].get(record_id) if isinstance(record_id, int) else None

    def count(self, kind: str) -> int:
        return len(self._cache[kind])

    def put(self, kind: str, record: dict):
        record = json.loads(json.dumps(record))  # detach from the caller's objects
        self._conn.execute(
            "INSERT OR REPLACE INTO records (kind, id, data) VALUES (?, ?, ?)",
            (kind, record["id"], json.dumps(record, sort_keys=True)),
        )
        self._cache[kind][record["id"]] = record
        return record

    def delete(self, kind: str, record_id: int):
        self._conn.execute(
            "DELETE FROM records WHERE kind = ? AND id = ?", (kind, record_id)
        )
        self._cache[kind].pop(record_id, None)

    def next_id(self, sequence: str) -> int:
        row = self._conn.execute(
            "SELECT next_value FROM sequences WHERE name = ?", (sequence,)
        ).fetchone()
        value = row[0] if row else _SEQUENCES[sequence]
        self._conn.execute(
            "INSERT OR REPLACE INTO sequences (name, next_value) VALUES (?, ?)",
            (sequence, value + 1),
        )
        return value

    # -- API keys ----------------------------------------------------------------------
    def set_key(
        self,
        consumer_key: str,
        consumer_secret: str,
        permissions="read_write",
        capable=True,
    ):
        if permissions not in ("read", "write", "read_write"):
            raise ValueError(
                f"permissions must be read, write or read_write, not {permissions!r}"
            )
        with self.lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO api_keys "
                "(consumer_key, consumer_secret, permissions, capable) "
                "VALUES (?, ?, ?, ?)",
                (consumer_key, consumer_secret, permissions, int(bool(capable))),
            )
            self.commit()

    def get_key(self, consumer_key: str) -> dict | None:
        with self.lock:
            row = self._conn.execute(
                "SELECT consumer_key, consumer_secret, permissions, capable "
                "FROM api_keys "
                "WHERE consumer_key = ?",
                (consumer_key,),
            ).fetchone()
        if row is None:
            return None
        return {
            "consumer_key": row[0],
            "consumer_secret": row[1],
            "permissions": row[2],
            "capable": bool(row[3]),
        }
