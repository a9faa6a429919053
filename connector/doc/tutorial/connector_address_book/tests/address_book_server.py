# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A tiny address book service, the remote system of the tutorial.

Run it on loopback; it prints the port it listens on, then serves until killed::

    python3 address_book_server.py --token secret-token

API (JSON, ``Authorization: Bearer <token>``):

- ``GET /contacts?modified_after=<ISO date>``: the contacts changed after that
  date, oldest first, as ``{"id", "name", "email", "modified"}``;
- ``GET /contacts/<id>``: one contact, 404 when unknown;
- ``POST /contacts``: create one, answered 201 with the contact;
- ``PUT /contacts/<id>``: change some fields, answered with the contact.
"""

import argparse
import json
import sys
import threading
from datetime import UTC, datetime
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

    def save(self, contact_id, values):
        with self.lock:
            if contact_id is None:
                contact_id, self.next_id = self.next_id, self.next_id + 1
                self.contacts[contact_id] = {"id": contact_id, "name": "", "email": ""}
            contact = self.contacts[contact_id]
            contact.update({k: str(v) for k, v in values.items() if k in FIELDS})
            contact["modified"] = datetime.now(UTC).isoformat(timespec="seconds")
            return dict(contact)


class Handler(BaseHTTPRequestHandler):
    book = None
    token = None

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # quiet: the tests read their own assertions, not access logs

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
        self._reply(401, {"error": "bad token"})
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
                return self._reply(404, {"error": "no such contact"})
            return self._reply(200, self.book.contacts[contact_id])
        query = parse_qs(urlsplit(self.path).query)
        since = query.get("modified_after", [""])[0]
        contacts = sorted(
            (c for c in self.book.contacts.values() if c["modified"] > since),
            key=lambda c: (c["modified"], c["id"]),
        )
        return self._reply(200, contacts)

    def do_POST(self):
        if not self._authorized():
            return
        values = self._body()
        if values is None or not values.get("name"):
            return self._reply(400, {"error": "a JSON object with a name is needed"})
        return self._reply(201, self.book.save(None, values))

    def do_PUT(self):
        if not self._authorized():
            return
        contact_id, values = self._contact_id(), self._body()
        if contact_id is None:
            return self._reply(404, {"error": "no such contact"})
        if values is None:
            return self._reply(400, {"error": "a JSON object is needed"})
        return self._reply(200, self.book.save(contact_id, values))


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
