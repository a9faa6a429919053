# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A loopback reverse proxy in front of Odoo running with ``--workers``.

In multi-worker mode Odoo serves HTTP on ``--http-port`` and its websockets
(the bus: real-time notifications of the web client) on ``--gevent-port``;
a browser only knows one address. This proxy listens on one port and sends
``/websocket`` to the gevent port and every other request to the HTTP port,
as nginx does in Odoo's deployment guide::

    python3 tests/lib/odoo_proxy.py --listen 8069 --http 8071 --gevent 8072

Each HTTP request gets a connection of its own (``Connection: close``), so
a request is always routed by its own path; a websocket's connection is
relayed both ways until either side closes it. ``X-Forwarded-*`` headers
are set for Odoo's ``--proxy-mode``.
"""

import argparse
import asyncio
import logging
import signal

_logger = logging.getLogger("odoo_proxy")

MAX_HEAD = 64 * 1024  # bytes of a request line and its headers
HOP_HEADERS = {b"connection", b"keep-alive", b"proxy-connection"}
CHUNK = 64 * 1024


def parse_head(head):
    """Return ``(method, path, headers)`` of a request head (bytes)."""
    lines = head.split(b"\r\n")
    method, path, _version = lines[0].split(b" ", 2)
    headers = []
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(b":")
            headers.append((name.strip(), value.strip()))
    return method, path, headers


def is_websocket(path, headers):
    """Whether the request opens Odoo's bus websocket."""
    upgrade = {name.lower(): value.lower() for name, value in headers}
    return (
        path.split(b"?", 1)[0] == b"/websocket"
        and upgrade.get(b"upgrade") == b"websocket"
    )


def rewrite_head(method, path, headers, client_ip, websocket):
    """The head sent upstream: hop-by-hop headers replaced, forwarding set."""
    kept = [
        (name, value)
        for name, value in headers
        if name.lower() not in HOP_HEADERS
        and not name.lower().startswith(b"x-forwarded-")
    ]
    host = next((value for name, value in headers if name.lower() == b"host"), b"")
    kept += [
        (b"X-Forwarded-For", client_ip.encode()),
        (b"X-Forwarded-Host", host),
        (b"X-Forwarded-Proto", b"http"),
        (b"Connection", b"Upgrade" if websocket else b"close"),
    ]
    lines = [b"%s %s HTTP/1.1" % (method, path)]
    lines += [b"%s: %s" % (name, value) for name, value in kept]
    return b"\r\n".join(lines) + b"\r\n\r\n"


async def pipe(reader, writer):
    """Copy ``reader`` to ``writer`` until end of stream."""
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass


class Proxy:
    def __init__(self, http_port, gevent_port, upstream_host="127.0.0.1"):
        self.http_port = http_port
        self.gevent_port = gevent_port
        self.upstream_host = upstream_host

    async def handle(self, reader, writer):
        client_ip = (writer.get_extra_info("peername") or ("127.0.0.1",))[0]
        upstream_writer = None
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            method, path, headers = parse_head(head[:-4])
            websocket = is_websocket(path, headers)
            port = self.gevent_port if websocket else self.http_port
            up_reader, upstream_writer = await asyncio.open_connection(
                self.upstream_host, port
            )
            upstream_writer.write(
                rewrite_head(method, path, headers, client_ip, websocket)
            )
            upload = asyncio.ensure_future(pipe(reader, upstream_writer))
            # the exchange ends when Odoo has answered (and closed)
            await pipe(up_reader, writer)
            upload.cancel()
        except asyncio.LimitOverrunError:
            writer.write(b"HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n")
        except (asyncio.IncompleteReadError, ValueError):
            pass  # the client closed early or sent garbage
        except OSError as err:
            _logger.warning("upstream unreachable: %s", err)
            writer.write(
                b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                b"Connection: close\r\n\r\n"
            )
        finally:
            for stream in (upstream_writer, writer):
                if stream is not None:
                    stream.close()

    async def serve(self, host, port):
        server = await asyncio.start_server(self.handle, host, port, limit=MAX_HEAD)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        print(f"odoo_proxy listening on {host}:{port}", flush=True)
        async with server:
            await stop.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--http", type=int, required=True, help="Odoo's --http-port")
    parser.add_argument(
        "--gevent", type=int, required=True, help="Odoo's --gevent-port"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    asyncio.run(Proxy(args.http, args.gevent).serve(args.host, args.listen))


if __name__ == "__main__":
    main()
