"""Run the demo shop as a subprocess on a free loopback port (for tests and scripts).

::

    from demo_shop.process import (
        start_shop_process,
        stop_shop_process,
    )

    proc, base_url, key, secret = start_shop_process(tmpdir, seed=42)
    try:
        url = base_url + "/wp-json/wc/v3/products"
        requests.get(url, auth=(key, secret), timeout=10)
    finally:
        stop_shop_process(proc)
"""

import os
import secrets
import selectors
import subprocess
import sys
import threading
import time
from pathlib import Path

# The folder this package was imported from: the child process runs the same code,
# installed or not.
PACKAGE_PARENT = str(Path(__file__).resolve().parents[1])
URL_PREFIX = "demo shop listening on "


def start_shop_process(
    tmpdir,
    key: str | None = None,
    secret: str | None = None,
    seed: int | None = None,
    webhook_delivery_url: str | None = None,
    admin_token: str | None = None,
    extra_args=(),
    data_file: str = "shop.sqlite3",
    startup_timeout: float = 30.0,
):
    """Start ``python -m demo_shop`` on 127.0.0.1 with a free port.

    The data lives in ``<tmpdir>/<data_file>`` (start again with the same ``tmpdir`` to
    reuse it) and stderr goes to ``<tmpdir>/demo_shop.log``. Key and secret are
    generated when not given.

    :returns: ``(proc, base_url, key, secret)``; stop it with :func:`stop_shop_process`.
    """
    key = key or "ck_" + secrets.token_hex(20)
    secret = secret or "cs_" + secrets.token_hex(20)
    tmpdir = os.fspath(tmpdir)
    os.makedirs(tmpdir, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "demo_shop",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data",
        os.path.join(tmpdir, data_file),
        "--key",
        key,
        "--secret",
        secret,
    ]
    if seed is not None:
        command += ["--seed", str(seed)]
    if webhook_delivery_url:
        command += ["--webhook-delivery-url", webhook_delivery_url]
    if admin_token:
        command += ["--admin-token", admin_token]
    command += list(extra_args)
    log = open(os.path.join(tmpdir, "demo_shop.log"), "ab")  # noqa: SIM115 - owned by the child
    try:
        proc = subprocess.Popen(
            command,
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=log,
            stdin=subprocess.DEVNULL,
        )
    finally:
        log.close()
    try:
        base_url = _read_url(proc, startup_timeout)
    except Exception:
        stop_shop_process(proc)
        raise
    # Keep draining stdout so that the child can never block on a full pipe.
    proc.drain_thread = threading.Thread(
        target=_drain, args=(proc.stdout,), daemon=True
    )
    proc.drain_thread.start()
    return proc, base_url, key, secret


def child_env(environ=None):
    """Environment of a ``python -m demo_shop`` child importing this very package."""
    env = dict(os.environ if environ is None else environ)
    paths = [PACKAGE_PARENT] + [
        p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p
    ]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def _read_url(proc, timeout):
    deadline = time.monotonic() + timeout
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    buffer = b""
    try:
        while b"\n" not in buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or proc.poll() is not None and not selector.select(0):
                raise RuntimeError(
                    f"The demo shop did not start (exit code {proc.poll()}); "
                    "see demo_shop.log."
                )
            if selector.select(min(remaining, 0.5)):
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    raise RuntimeError(
                        f"The demo shop exited (code {proc.wait()}); see demo_shop.log."
                    )
                buffer += chunk
    finally:
        selector.close()
    line = buffer.split(b"\n", 1)[0].decode().strip()
    if not line.startswith(URL_PREFIX):
        raise RuntimeError(f"Unexpected first line from the demo shop: {line!r}")
    return line[len(URL_PREFIX) :]


def _drain(stream):
    try:
        while os.read(stream.fileno(), 4096):
            pass
    except OSError:
        pass


def stop_shop_process(proc, timeout: float = 10.0) -> int:
    """Stop the shop (SIGTERM, SIGKILL after ``timeout``); return its exit code."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    drain_thread = getattr(proc, "drain_thread", None)
    if drain_thread is not None:
        drain_thread.join(timeout)  # the pipe reaches EOF once the child is gone
    if proc.stdout:
        proc.stdout.close()
    return proc.returncode
