"""``python -m marketplace_sandbox --host 127.0.0.1 --port 8910`` (``--port 0``: any free port).

The first line on stdout is ``marketplace sandbox listening on <url>``: tests read it to learn the
port, which avoids the race of picking a free port first and binding it later.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from .app import App
from .config import ConfigError, from_env
from .server import Handler, SandboxServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marketplace_sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8910)
    parser.add_argument("--quiet", action="store_true", help="do not log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        config = from_env()
    except ConfigError as exc:
        sys.stderr.write(f"marketplace sandbox: {exc}\n")
        return 2
    if args.quiet:
        Handler.log_message = lambda *a, **k: None

    app = App(config)
    server = SandboxServer((args.host, args.port), app)
    host, port = server.server_address[:2]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}"
    if not config.public_url:
        app.base_url = url
    # SIGTERM (what tests and honcho send) ends serve_forever the way Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    app.start()
    sys.stdout.write(f"marketplace sandbox listening on {url}\n")
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
