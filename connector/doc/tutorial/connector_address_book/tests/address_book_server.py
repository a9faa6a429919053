# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A tiny address book service, the remote system of the tutorial.

Run it on loopback; it prints the port it listens on, then serves until killed::

    python3 address_book_server.py --token secret-token

API (JSON, ``Authorization: Bearer <token>``):

- ``GET /contacts?modified_after=<ISO date>&offset=<n>&limit=<n>``: the
  contacts changed after that date, in a stable order (modification date,
  then id), as ``{"id", "name", "email", "modified"}``; ``offset`` and
  ``limit`` page the list;
- ``GET /contacts/<id>``: one contact, 404 when unknown;
- ``POST /contacts``: create one, answered 201 with the contact;
- ``PUT /contacts/<id>``: change some fields, answered with the contact;
- ``DELETE /contacts/<id>``: delete it, answered with the contact.

Errors are answered ``{"code", "message"}``. Modification dates are to the
second, and every change gets its own: a change made in the same second as
the previous one is dated a second later, so that dates order the versions.
"""

import argparse
import json
import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FIELDS = ("name", "email")
MAX_BODY = 64 * 1024


class AddressBook:
    """The contacts, kept in memory."""

    def __init__(self):
        self.lock = threading.Lock()
        self.contacts = {}
        self.next_id = 1
        self.last_date = None

    def _next_date(self):
        date = datetime.now(UTC).replace(microsecond=0)
        if self.last_date and date <= self.last_date:
            date = self.last_date + timedelta(seconds=1)
        self.last_date = date
        return date

    def save(self, contact_id, values):
        with self.lock:
            if contact_id is None:
                contact_id, self.next_id = self.next_id, self.next_id + 1
                self.contacts[contact_id] = {"id": contact_id, "name": "", "email": ""}
            contact = self.contacts[contact_id]
            contact.update({k: str(v) for k, v in values.items() if k in FIELDS})
            contact["modified"] = self._next_date().isoformat()
            return dict(contact)

    def delete(self, contact_id):
        with self.lock:
            return self.contacts.pop(contact_id)

    def listing(self, since, offset, limit):
        with self.lock:
            contacts = sorted(
                (
                    dict(c)
                    for c in self.contacts.values()
                    if since is None or _date(c["modified"]) > since
                ),
                key=lambda c: (_date(c["modified"]), c["id"]),
            )
        return contacts[offset : offset + limit]


def _date(text):
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Handler(BaseHTTPRequestHandler):
    book = None
    token = None

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # quiet: the tests read their own assertions, not access logs

    def _error(self, status, code, message):
        return self._reply(status, {"code": code, "message": message})

    def _reply(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorized(self):
        if self.headers.get("Authorization") == f"Bearer {self.token}":
            return True
        self._error(401, "bad_token", "bad token")
        return False

    def _contact_id(self):
        try:
            contact_id = int(self.path.split("/")[2])
        except (IndexError, ValueError):
            return None
        return contact_id if contact_id in self.book.contacts else None

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return None
        try:
            values = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return None
        return values if isinstance(values, dict) else None

    def do_GET(self):
        if not self._authorized():
            return
        if self.path.startswith("/contacts/"):
            contact_id = self._contact_id()
            if contact_id is None:
                return self._error(404, "not_found", "no such contact")
            return self._reply(200, self.book.contacts[contact_id])
        query = parse_qs(urlsplit(self.path).query)
        try:
            since = query.get("modified_after", [""])[0]
            since = _date(since) if since else None
            offset = int(query.get("offset", ["0"])[0])
            limit = min(int(query.get("limit", ["100"])[0]), 100)
        except ValueError:
            return self._error(400, "invalid", "bad modified_after, offset or limit")
        return self._reply(200, self.book.listing(since, max(offset, 0), limit))

    def do_POST(self):
        if not self._authorized():
            return
        values = self._body()
        if values is None or not values.get("name"):
            return self._error(400, "invalid", "a JSON object with a name is needed")
        return self._reply(201, self.book.save(None, values))

    def do_PUT(self):
        if not self._authorized():
            return
        contact_id, values = self._contact_id(), self._body()
        if contact_id is None:
            return self._error(404, "not_found", "no such contact")
        if values is None:
            return self._error(400, "invalid", "a JSON object is needed")
        return self._reply(200, self.book.save(contact_id, values))

    def do_DELETE(self):
        if not self._authorized():
            return
        contact_id = self._contact_id()
        if contact_id is None:
            return self._error(404, "not_found", "no such contact")
        return self._reply(200, self.book.delete(contact_id))


def main():
    parser = argparse.ArgumentParser(description="The tutorial's address book")
    parser.add_argument("--token", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    Handler.book, Handler.token = AddressBook(), args.token
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
