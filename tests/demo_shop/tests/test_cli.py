"""The ``python -m demo_shop`` command line."""

import re
import subprocess
import sys

import requests
from demo_shop.process import child_env


def _get(base_url, key, secret, path, **params):
    return requests.get(
        f"{base_url}/wp-json/wc/v3/{path}",
        auth=(key, secret),
        params=params,
        timeout=10,
    )


def test_cli_prints_url_first(tmp_path):
    """`python -m demo_shop --port 0` prints its URL first."""
    command = [
        sys.executable, "-m", "demo_shop", "--port", "0",
        "--data", str(tmp_path / "cli.sqlite3"),
        "--key", "ck_cli", "--secret", "cs_cli", "--seed", "1",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        match = re.fullmatch(
            r"demo shop listening on (http://127\.0\.0\.1:(\d+))", line
        )
        assert match, line
        assert int(match.group(2)) > 0
        assert (
            # the realistic profile by default: the 240 default orders and 6 more
            _get(match.group(1), "ck_cli", "cs_cli", "orders").headers["X-WP-Total"]
            == "246"
        )
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode == 0
    proc.stdout.close()
    proc.stderr.close()


def test_cli_rejects_bad_arguments(tmp_path):
    """--data is required and --key needs --secret: argparse exits with 2."""
    base = [sys.executable, "-m", "demo_shop"]
    assert (
        subprocess.run(
            base, env=child_env(), capture_output=True, check=False
        ).returncode
        == 2
    )
    lonely = base + ["--data", str(tmp_path / "x.sqlite3"), "--key", "ck_only"]
    assert (
        subprocess.run(
            lonely, env=child_env(), capture_output=True, check=False
        ).returncode
        == 2
    )
    help_run = subprocess.run(
        base + ["--help"], env=child_env(), capture_output=True, check=False, text=True
    )
    assert help_run.returncode == 0 and "--webhook-delivery-url" in help_run.stdout
