# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The address book on loopback, and a backend pointing to it."""

import os
import subprocess
import sys

import requests

from odoo.addons.component.tests.common import TransactionComponentCase

TOKEN = "tutorial-token"
SERVER = os.path.join(os.path.dirname(__file__), "address_book_server.py")


# [remote]
class AddressBookRemote:
    """The tutorial's address book, run as a real process on 127.0.0.1."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, SERVER, "--token", TOKEN],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = f"http://127.0.0.1:{self.process.stdout.readline().strip()}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()

    def raw(self, method, path, **kwargs):
        """Send a request to the address book; return the response."""
        headers = {"Authorization": f"Bearer {TOKEN}"}
        return requests.request(
            method, self.url + path, headers=headers, timeout=10, **kwargs
        )

    def call(self, method, path, **kwargs):
        """Change the address book as its own users would."""
        response = self.raw(method, path, **kwargs)
        response.raise_for_status()
        return response.json()

    def clear(self):
        """Delete every contact of the address book."""
        while contacts := self.call("GET", "/contacts"):
            for contact in contacts:
                self.call("DELETE", f"/contacts/{contact['id']}")


class AddressBookCase(TransactionComponentCase):
    """A fresh address book per test class, and a backend using it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.remote = AddressBookRemote()
        cls.addClassCleanup(cls.remote.stop)
        cls.backend = cls.env["address.book.backend"].create(
            {"name": "Tutorial book", "location": cls.remote.url, "token": TOKEN}
        )
        cls.Binding = cls.env["address.book.res.partner"]

    def import_contact(self, external_id):
        """Run the job's body at once, as the job runner would."""
        return self.Binding.import_record(self.backend, str(external_id))


# [/remote]
