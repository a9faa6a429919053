# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A remote on loopback HTTP that can lose the answer of a creation, and the
components exporting to it (built by the tests in their own registry)."""

import json
import socket
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.addons.component.core import Component


class _Handler(BaseHTTPRequestHandler):
    server_version = "LoopbackRemote"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Quiet: the tests read the server's state instead."""

    def _answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def do_POST(self):
        remote = self.server.remote
        with remote.lock:
            external_id = f"H{len(remote.records) + 1}"
            remote.records[external_id] = self._body()
            remote.creates.append(external_id)
            drop, remote.drop_next_answer = remote.drop_next_answer, False
            created = remote.created
        created.set()
        if drop:
            # the record exists, the client never hears of it
            self.close_connection = True
            if remote.hold_before_drop:
                remote.hold_before_drop.wait(30)
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._answer(201, {"id": external_id})

    def do_PUT(self):
        remote = self.server.remote
        external_id = self.path.rsplit("/", 1)[-1]
        with remote.lock:
            remote.records[external_id].update(self._body())
            remote.writes.append(external_id)
        self._answer(200, {"id": external_id})

    def do_GET(self):
        remote = self.server.remote
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        marker = query.get("marker", [None])[0]
        with remote.lock:
            remote.lookups += 1
            found = [
                external_id
                for external_id, record in remote.records.items()
                if record.get("marker") == marker
            ]
        self._answer(200, found)


class LoopbackRemote:
    """A threaded HTTP server on 127.0.0.1 keeping records in memory.

    ``drop_next_answer = True`` makes the next creation store the record
    and close the connection without answering; ``hold_before_drop`` (an
    Event) keeps that connection open until it is set.
    """

    def __init__(self):
        self.records = {}
        self.creates = []
        self.writes = []
        self.lookups = 0
        self.drop_next_answer = False
        self.hold_before_drop = None
        self.created = threading.Event()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.remote = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/records"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        if self.hold_before_drop:
            self.hold_before_drop.set()
        self.server.shutdown()
        self.server.server_close()


class LoopbackAdapter(Component):
    # pylint: disable=method-required-super
    _name = "test.loopback.adapter"
    _inherit = "base.backend.adapter.crud"
    _collection = "test.backend"
    _apply_on = ["connector.test.binding"]

    def _call(self, method, url, data=None):
        request = urllib.request.Request(
            url,
            data=None if data is None else json.dumps(data).encode(),
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def create(self, data):
        return self._call("POST", self.work.remote_url, data)["id"]

    def write(self, external_id, data):
        return self._call("PUT", f"{self.work.remote_url}/{external_id}", data)

    def search_marker(self, marker):
        query = urllib.parse.urlencode({"marker": marker})
        return self._call("GET", f"{self.work.remote_url}?{query}")


class MarkerExporter(Component):
    """Writes the binding's pending key as a marker with each creation and
    finds the record by it after an unknown outcome."""

    _name = "test.marker.exporter"
    _inherit = "generic.exporter"
    _collection = "test.backend"
    _usage = "record.exporter"
    _apply_on = ["connector.test.binding"]

    def _create_data(self, map_record, fields=None, **kwargs):
        data = super()._create_data(map_record, fields=fields, **kwargs)
        data["marker"] = self._get_pending_key()
        return data

    def _lookup_remote_after_unknown_outcome(self):
        found = self.backend_adapter.search_marker(self._get_pending_key())
        return found[0] if found else None
