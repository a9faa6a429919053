"""Command line: ``python3 -m demo_shop --help``."""

import argparse
import logging
import signal
import sys
import threading

from .server import DemoShopServer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m demo_shop",
        description="Demo shop speaking a WooCommerce REST API v3 and webhooks subset.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=8080, help="port to listen on; 0 picks a free one"
    )
    parser.add_argument(
        "--data", required=True, help="SQLite file holding the shop's data"
    )
    parser.add_argument(
        "--key", help="consumer key (ck_...) of a read_write API key to install"
    )
    parser.add_argument("--secret", help="consumer secret (cs_...) of that key")
    parser.add_argument(
        "--seed",
        type=int,
        help="seed sample data with this number if the database is empty",
    )
    parser.add_argument(
        "--seed-profile",
        choices=("default", "realistic"),
        default="realistic",
        help="sample data: 'default', or 'realistic' (the same plus tax rates, "
        "coupons, fees, variations, refunds, EUR/USD and guest orders)",
    )
    parser.add_argument(
        "--webhook-delivery-url",
        help="register webhooks for the core topics to this URL",
    )
    parser.add_argument(
        "--webhook-secret", help="secret signing those webhooks (default: --secret)"
    )
    parser.add_argument(
        "--webhook-timeout",
        type=float,
        default=60.0,
        help="delivery timeout in seconds",
    )
    parser.add_argument(
        "--webhook-delay",
        type=float,
        default=0.0,
        help="seconds between an event and its delivery",
    )
    parser.add_argument(
        "--allow-remote-auth",
        action="store_true",
        help="honour credentials from non-loopback clients (plain HTTP!)",
    )
    parser.add_argument(
        "--admin-token",
        help="token of the /demo-shop/ admin endpoints (reset, faults, clock...), "
        "sent as 'Authorization: Bearer TOKEN'; without it they are closed",
    )
    parser.add_argument(
        "--log-level",
        default="WARNING",
        help="logging level on stderr (default: WARNING)",
    )
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if bool(args.key) != bool(args.secret):
        build_parser().error("--key and --secret go together")
    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    shop = DemoShopServer(
        args.data,
        host=args.host,
        port=args.port,
        key=args.key,
        secret=args.secret,
        seed=args.seed,
        webhook_delivery_url=args.webhook_delivery_url,
        webhook_secret=args.webhook_secret,
        webhook_timeout=args.webhook_timeout,
        webhook_delay=args.webhook_delay,
        allow_remote_auth=args.allow_remote_auth,
        admin_token=args.admin_token,
        seed_profile=args.seed_profile,
    )

    def request_stop(signum, frame):
        # Every write is committed already, so stopping is always safe. shutdown() waits
        # for the serving loop (the main thread) to end, hence the thread; it also works
        # when the signal comes before serve_forever() has started.
        threading.Thread(target=shop.httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        print(f"demo shop listening on {shop.url}", flush=True)
        if shop.seeded:
            print(f"seeded with {args.seed}", file=sys.stderr, flush=True)
        shop.serve_forever()
    finally:
        shop.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
