# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credentials never leak: not in logs, job arguments, results or failure messages.

Runs after the import, sync, contention, fault and malformed-input tests (file
order), so that their jobs, failures and logs are searched too.
"""

import pytest


@pytest.fixture(scope="module")
def credentials(admin, imported):
    """Every consumer key and secret stored on a backend during the run."""
    rows = admin.call(
        "demo.shop.backend",
        "search_read",
        [[]],
        fields=["consumer_key", "consumer_secret"],
        context={"active_test": False},
    )
    values = [row[name] for row in rows for name in ("consumer_key", "consumer_secret")]
    assert len(rows) >= 2 and all(len(value) >= 20 for value in values), rows
    return values


def test_credentials_not_in_server_log(server, run_dir, credentials):
    """The server's and the install's logs never contain a key or a secret."""
    for path in (server.log_path, run_dir / "install.log"):
        text = (
            path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        )
        leaked = [value[:6] + "..." for value in credentials if value in text]
        assert not leaked, f"{path}: {leaked}"
    assert "queue_job/runjob" in server.log_text()  # the log is the right one


def test_credentials_not_in_jobs(db, credentials):
    """No job (arguments, result, exception, records) holds a key or a secret."""
    assert db.scalar("SELECT count(*) FROM queue_job") > 0
    for value in credentials:
        assert not db.all(
            "SELECT uuid FROM queue_job q WHERE strpos(q::text, %s) > 0", (value,)
        )


def test_credentials_not_in_messages_or_db_logs(db, credentials):
    """No chatter message (job failures) nor ir.logging line holds a key or a secret."""
    for value in credentials:
        assert not db.all(
            "SELECT id FROM mail_message m WHERE strpos(m::text, %s) > 0", (value,)
        )
        assert not db.all(
            "SELECT id FROM ir_logging l WHERE strpos(l::text, %s) > 0", (value,)
        )
