# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The README's main job (``tests/demo.sh``) as a new user runs it.

One run of the script on its own ports, database and state directory:
its imports end with a summary, the README's webhook example reaches
Odoo, a web client session gets its real-time (bus) notifications through
the websocket of the address the user opens, a person's clicks through the
connector's screens succeed, and no log of the run holds an ERROR,
CRITICAL or Traceback line.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests
import websocket

from .harness import REPO, DbReader, Rpc, free_port

KEY = "ck_demo_0123456789abcdef0123456789abcdef01234567"
SECRET = "cs_demo_0123456789abcdef0123456789abcdef01234567"
# an ERROR or CRITICAL record of Odoo's log format, a traceback, a docutils report
BAD_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) "
    r"|Traceback \(most recent call last\)"
    r"|\((ERROR|SEVERE)/\d\)"
)


def _free_port_run(length):
    """The first of ``length`` consecutive ports free on 127.0.0.1."""
    while True:
        first = free_port()
        ports = range(first, first + length)
        if ports[-1] < 65535 and all(_is_free(port) for port in ports):
            return first


def _is_free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def demo():
    """``bash tests/demo.sh`` running until its imports ended; stopped after.

    Its logs stay in the directory printed (pytest's temporary directories
    rotate too fast for a post-mortem)."""
    state = Path(tempfile.mkdtemp(prefix="e2e_demo_main_job_"))
    print(f"\ndemo.sh state and logs in {state}")
    port = _free_port_run(4)
    env = dict(
        os.environ,
        SUITE_DEMO_DB=f"e2e_demo_{os.getpid()}_{secrets.token_hex(3)}",
        SUITE_DEMO_PORT=str(port),
        SUITE_DEMO_SHOP_PORT=str(free_port()),
        SUITE_DEMO_STATE=str(state),
    )
    env.pop("ODOO_QUEUE_JOB_PORT", None)
    out_path = state / "demo.out"
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(
            ["bash", str(REPO / "tests" / "demo.sh")],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    info = {
        "url": f"http://127.0.0.1:{port}",
        "shop": f"http://127.0.0.1:{env['SUITE_DEMO_SHOP_PORT']}",
        "db": env["SUITE_DEMO_DB"],
        "state": state,
        "out": out_path,
    }
    try:
        deadline = time.monotonic() + 600
        while "Odoo keeps serving" not in out_path.read_text():
            assert proc.poll() is None, out_path.read_text()[-3000:]
            assert time.monotonic() < deadline, out_path.read_text()[-3000:]
            time.sleep(1)
        yield info
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        subprocess.run(
            ["dropdb", "--if-exists", "--force", info["db"]],
            check=False,
            capture_output=True,
        )


@pytest.fixture(scope="module")
def admin(demo):
    return Rpc(demo["url"], demo["db"], "admin", "admin")


def _web_session(demo):
    session = requests.Session()
    session.trust_env = False
    answer = session.post(
        demo["url"] + "/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": demo["db"], "login": "admin", "password": "admin"},
        },
        timeout=60,
    )
    answer.raise_for_status()
    assert answer.json()["result"]["uid"], answer.text
    return session


def _call_kw(session, demo, model, method, args=(), **kwargs):
    answer = session.post(
        f"{demo['url']}/web/dataset/call_kw/{model}/{method}",
        json={
            "jsonrpc": "2.0",
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        },
        timeout=60,
    )
    answer.raise_for_status()
    body = answer.json()
    assert "error" not in body, body["error"]
    return body["result"]


def test_imports_end_with_a_summary(demo):
    out = demo["out"].read_text()
    assert "[suite] imports: jobs" in out
    summary = out.split("[suite] imports ended:", 1)[1]
    assert re.search(r"\d+\s+Demo Shop Customer", summary), summary
    assert "failed jobs: 0" in summary, summary
    found = re.search(r"checkpoints to review: (\d+)", summary)
    assert found, summary
    listed = re.findall(
        re.escape(demo["url"]) + r"/odoo/connector-checkpoints/\d+", summary
    )
    assert len(listed) == int(found.group(1)) >= 1, summary
    # the partner created with a shop customer's e-mail is only proposed
    assert "(connector.partner.match #" in summary, summary


def test_readme_webhook_example_reaches_odoo(demo, admin):
    answer = requests.put(
        demo["shop"] + "/wp-json/wc/v3/customers/3",
        json={"billing": {"city": "Lyon"}},
        auth=(KEY, SECRET),
        timeout=30,
    )
    answer.raise_for_status()
    deadline = time.monotonic() + 60
    while True:
        bindings = admin.call(
            "demo.shop.res.partner",
            "search_read",
            [[("external_id", "=", "3")]],
            fields=["city"],
        )
        if bindings and bindings[0]["city"] == "Lyon":
            break
        assert time.monotonic() < deadline, bindings
        time.sleep(0.5)


def test_bus_notification_reaches_the_web_client(demo):
    """The web client's websocket, opened on the address the user browses,
    receives a message posted in a channel the user is a member of."""
    session = _web_session(demo)
    channel_id = _call_kw(
        session, demo, "discuss.channel", "create", [{"name": "e2e real-time"}]
    )
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    ws = websocket.create_connection(
        demo["url"].replace("http", "ws") + "/websocket?version=saas-19",
        header=[f"Cookie: {cookie}"],
        origin=demo["url"],
        timeout=30,
    )
    try:
        ws.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        time.sleep(1)  # the subscription is handled before the post
        marker = "real-time " + secrets.token_hex(4)
        _call_kw(
            session,
            demo,
            "discuss.channel",
            "message_post",
            [channel_id],
            body=marker,
            message_type="comment",
        )
        deadline = time.monotonic() + 30
        received = []
        while time.monotonic() < deadline:
            received.append(ws.recv())
            if marker in received[-1]:
                break
        else:
            pytest.fail(f"no notification with {marker!r}: {received}")
    finally:
        ws.close()


def test_clicking_through_the_connector_screens(demo):
    """What the web client asks when a person opens each connector menu."""
    session = _web_session(demo)
    home = session.get(demo["url"] + "/odoo", timeout=60)
    assert home.ok and "odoo" in home.text
    menus = session.get(demo["url"] + "/web/webclient/load_menus", timeout=60).json()
    connector_menus = [
        menu
        for menu in menus.values()
        if isinstance(menu, dict)
        and menu.get("actionID")
        and menu.get("xmlid", "").startswith(("connector", "connector_demo_shop"))
    ]
    assert len(connector_menus) >= 4, connector_menus
    for menu in connector_menus:
        action = session.post(
            demo["url"] + "/web/action/load",
            json={"jsonrpc": "2.0", "params": {"action_id": menu["actionID"]}},
            timeout=60,
        ).json()["result"]
        if action.get("type") != "ir.actions.act_window":
            continue
        model = action["res_model"]
        views = _call_kw(
            session, demo, model, "get_views", views=action["views"], options={}
        )
        assert views["views"], menu
        domain = action.get("domain") or []
        if isinstance(domain, str):
            domain = []
        result = _call_kw(
            session,
            demo,
            model,
            "web_search_read",
            [domain],
            specification={"display_name": {}},
            limit=80,
        )
        for record in result["records"][:3]:
            _call_kw(
                session,
                demo,
                model,
                "web_read",
                [record["id"]],
                specification={"display_name": {}},
            )


def test_zz_logs_are_clean(demo):
    """Run last in the module: every log of the run, without an error."""
    time.sleep(2)
    reader = DbReader(demo["db"])
    try:
        assert not reader.all("SELECT id FROM queue_job WHERE state = 'failed'")
    finally:
        reader.close()
    bad = []
    for path in sorted(demo["state"].iterdir()):
        if path.suffix not in (".log", ".out"):
            continue
        for line in path.read_text(errors="replace").splitlines():
            if BAD_LINE.search(line):
                bad.append(f"{path.name}: {line}")
    assert not bad, "\n".join(bad[:40])
