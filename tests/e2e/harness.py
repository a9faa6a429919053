# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Processes and clients of the end-to-end tests and of ``bench_e2e``.

Everything runs out of process, as in production:

* :class:`OdooDatabase` - a fresh PostgreSQL database where
  ``odoo -i connector_demo_shop --stop-after-init`` installed the suite;
* :class:`OdooServer` - ``odoo`` in multi-worker mode on a free loopback port,
  ``queue_job`` loaded server-wide with its job runner (a process of its own),
  every line it logs captured in a file;
* :class:`Rpc` - a JSON-RPC client (``/jsonrpc``, service ``object``) logged
  in as one user;
* :class:`Shop` - the demo shop subprocess and its client (``demo_shop.client``);
* :class:`DbReader` - read-only SQL on the database, for the assertions and
  :meth:`DbReader.wait_jobs_idle`.

::

    db = OdooDatabase.create("e2e_x", log_path)
    server = OdooServer(db.name, log_path).start()
    admin = Rpc(server.url, db.name, "admin", "admin")
    backend_id = admin.call("demo.shop.backend", "create", [{...}])
"""

import itertools
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg2
import requests
from demo_shop.client import ShopClient

REPO = Path(__file__).resolve().parents[2]

ADDON = "connector_demo_shop"
NOT_DONE = ("wait_dependencies", "pending", "enqueued", "started")
API = "/wp-json/wc/v3/"


def free_port():
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_pair():
    """Two free ports, for the HTTP and the gevent (websocket) servers."""
    while True:
        first, second = free_port(), free_port()
        if first != second:
            return first, second


def _odoo_command():
    return ["odoo", f"--addons-path={REPO}"]


def run_logged(command, log_path, timeout):
    """Run ``command``, appending its output to ``log_path``; raise on failure."""
    with open(log_path, "ab") as log:
        log.write(("\n$ " + " ".join(command) + "\n").encode())
        log.flush()
        result = subprocess.run(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    if result.returncode:
        raise RuntimeError(
            f"{' '.join(command)} exited with {result.returncode}; see {log_path}"
        )


class OdooDatabase:
    """A database created for one run, with the suite installed; dropped at the end."""

    def __init__(self, name):
        self.name = name

    @classmethod
    def create(cls, name, log_path, modules=(ADDON,), timeout=900):
        subprocess.run(["dropdb", "--if-exists", name], check=True, capture_output=True)
        subprocess.run(["createdb", name], check=True, capture_output=True)
        database = cls(name)
        try:
            run_logged(
                _odoo_command()
                + [
                    "-d",
                    name,
                    "-i",
                    ",".join(modules),
                    "--stop-after-init",
                    "--no-http",
                    "--max-cron-threads=0",
                    "--log-level=warn",
                ],
                log_path,
                timeout,
            )
        except BaseException:
            database.drop()
            raise
        return database

    def drop(self):
        subprocess.run(
            ["dropdb", "--if-exists", "--force", self.name],
            check=False,
            capture_output=True,
        )


class OdooServer:
    """``odoo`` serving one database with HTTP workers, a cron worker and the
    queue_job runner (``ODOO_QUEUE_JOB_CHANNELS``), logging into ``log_path``."""

    def __init__(self, dbname, log_path, workers=2, channels="root:2", extra_env=None):
        self.dbname = dbname
        self.log_path = Path(log_path)
        self.workers = workers
        self.channels = channels
        self.extra_env = extra_env or {}
        self.port, self.gevent_port = free_port_pair()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def command(self):
        return _odoo_command() + [
            "-d",
            self.dbname,
            f"--db-filter=^{self.dbname}$",
            "--load=base,web,queue_job",
            f"--workers={self.workers}",
            "--max-cron-threads=1",
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            f"--gevent-port={self.gevent_port}",
            "--log-level=info",
            # a worker importing 2,000 orders must not be recycled for memory
            "--limit-memory-soft=4294967296",
            "--limit-memory-hard=5368709120",
        ]

    def start(self, timeout=180):
        env = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=self.channels, **self.extra_env)
        # the job runner calls /queue_job/runjob on this interface and port
        env.pop("ODOO_QUEUE_JOB_PORT", None)
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child owns it
        try:
            self.proc = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        finally:
            log.close()
        try:
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"Odoo exited with {self.proc.returncode}; see {self.log_path}"
                )
            try:
                answer = requests.post(
                    self.url + "/web/webclient/version_info",
                    json={"jsonrpc": "2.0", "method": "call", "params": {}},
                    timeout=5,
                )
                if answer.ok and "result" in answer.json():
                    ready = f"queue job runner ready for db {self.dbname}"
                    if ready in self.log_text():
                        return
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.5)
        raise TimeoutError(
            f"Odoo on port {self.port} not ready within {timeout} s; see "
            f"{self.log_path}"
        )

    def log_text(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def worker_pids(self, kind="WorkerHTTP"):
        """Live pids of the workers of ``kind`` (WorkerHTTP, WorkerCron,
        WorkerJobRunner), read from the "Worker X (pid) alive" log lines and
        checked against the children of the server process."""
        return sorted(self.logged_worker_pids(kind) & set(child_pids(self.proc.pid)))

    def logged_worker_pids(self, kind="WorkerHTTP"):
        """Pids of every worker of ``kind`` started so far, dead ones included."""
        return {
            int(pid)
            for pid in re.findall(rf"Worker {kind} \((\d+)\) alive", self.log_text())
        }

    def stop(self, timeout=30):
        if self.proc is None or self.proc.poll() is not None:
            return
        # the whole session: workers, job runner and gevent server
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout)
        # workers left behind by a killed master
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def child_pids(pid):
    """Pids of the direct children of ``pid`` (from ``/proc``)."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces or parentheses: split after the last ')'
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            children.append(int(entry))
    return children


def proc_status_kib(pid, key):
    """A ``kB`` figure (VmHWM, VmRSS...) of ``/proc/<pid>/status``, or None."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class RpcError(Exception):
    """An error answered by Odoo's JSON-RPC; ``name`` is the exception class."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        super().__init__(f"{self.name}: {self.message}")


class Rpc:
    """JSON-RPC client (``/jsonrpc``) authenticated as one user::

    admin = Rpc(url, db, "admin", "admin")
    admin.call("res.partner", "search_count", [[]])
    """

    _ids = itertools.count(1)

    def __init__(self, url, dbname, login, password, timeout=120, uid=None):
        self.url = url
        self.dbname = dbname
        self.login = login
        self.password = password
        self.timeout = timeout
        self.session = requests.Session()
        self.session.trust_env = False
        # ``uid`` given: no login, calls are sent as they are (refused ones)
        self.uid = uid or self.raw("common", "login", dbname, login, password)
        if not self.uid:
            raise RpcError({"data": {"name": "login", "message": f"{login} refused"}})

    def raw(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": {"service": service, "method": method, "args": list(args)},
        }
        answer = self.session.post(
            self.url + "/jsonrpc", json=payload, timeout=self.timeout
        )
        answer.raise_for_status()
        body = answer.json()
        if "error" in body:
            raise RpcError(body["error"])
        return body["result"]

    def call(self, model, method, args=(), **kwargs):
        return self.raw(
            "object",
            "execute_kw",
            self.dbname,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )

    def xmlid(self, xmlid):
        """Database id of ``module.name``."""
        module, name = xmlid.split(".", 1)
        rows = self.call(
            "ir.model.data",
            "search_read",
            [[("module", "=", module), ("name", "=", name)]],
            fields=["res_id"],
        )
        return rows[0]["res_id"]


class DbReader:
    """Read-only SQL on the test database (autocommit: each query sees the
    latest committed state)."""

    def __init__(self, dbname):
        self.conn = psycopg2.connect(dbname=dbname)
        self.conn.set_session(readonly=True, autocommit=True)

    def all(self, query, params=None):
        with self.conn.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def one(self, query, params=None):
        rows = self.all(query, params)
        return rows[0] if rows else None

    def scalar(self, query, params=None):
        row = self.one(query, params)
        return row[0] if row else None

    def job_states(self, since_id=0):
        return dict(
            self.all(
                "SELECT state, count(*) FROM queue_job WHERE id > %s GROUP BY state",
                (since_id,),
            )
        )

    def max_job_id(self):
        return self.scalar("SELECT coalesce(max(id), 0) FROM queue_job")

    def wait_jobs_idle(self, timeout=240, since_id=0, settle=1.0):
        """Poll until no job (newer than ``since_id``) is waiting, pending,
        enqueued or started, twice ``settle`` seconds apart; return the
        states. A retry planned later (``eta``) counts as pending."""
        deadline = time.monotonic() + timeout
        quiet_since = None
        while True:
            states = self.job_states(since_id)
            busy = sum(states.get(state, 0) for state in NOT_DONE)
            now = time.monotonic()
            if not busy:
                if quiet_since is None:
                    quiet_since = now
                elif now - quiet_since >= settle:
                    return states
            else:
                quiet_since = None
            if now > deadline:
                raise TimeoutError(
                    f"Jobs still running after {timeout} s: {states}; "
                    f"stuck: {self.stuck_jobs(since_id)}"
                )
            time.sleep(0.3)

    def stuck_jobs(self, since_id=0):
        return self.all(
            "SELECT uuid, state, method_name, retry, eta, exc_info IS NOT NULL "
            "FROM queue_job WHERE id > %s AND state IN %s ORDER BY id LIMIT 10",
            (since_id, NOT_DONE),
        )

    def close(self):
        self.conn.close()


class Shop(ShopClient):
    """The demo shop as a subprocess in ``directory``, seeded with ``seed``."""

    def __init__(self, directory, seed=None):
        super().__init__(**self.launch_arguments(directory, seed=seed))
        self.directory = directory

    def keep_orders(self, count):
        """Delete (for good) every order beyond the first ``count`` ids."""
        ids = sorted(order["id"] for order in self.all("orders", status="any"))
        extra = ids[count:]
        for start in range(0, len(extra), 100):
            self.api(
                "POST", "orders/batch", json={"delete": extra[start : start + 100]}
            )
        return ids[:count]


def make_backend(admin, shop, name, **values):
    """Create a demo shop backend on ``shop`` through RPC; return its id.

    The currencies the seeded shop sells in are activated first: an order in
    an inactive currency is not imported."""
    currencies = admin.call(
        "res.currency",
        "search",
        [[("name", "in", ["EUR", "USD"]), ("active", "in", [True, False])]],
    )
    admin.call("res.currency", "write", [currencies, {"active": True}])
    return admin.call(
        "demo.shop.backend",
        "create",
        [
            dict(
                {
                    "name": name,
                    "url": shop.url,
                    "consumer_key": shop.key,
                    "consumer_secret": shop.secret,
                    "request_timeout": 5,
                },
                **values,
            )
        ],
    )


def import_all(admin, db, backend_id, timeout=300):
    """Press "import all" on the backend through RPC and wait for the jobs."""
    since = db.max_job_id()
    admin.call("demo.shop.backend", "action_import_all", [[backend_id]])
    return since, db.wait_jobs_idle(timeout=timeout, since_id=since)
