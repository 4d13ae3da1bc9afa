"""Render deploy/nginx/pilot-atlas.conf.template for N app servers.

Usage::

    python deploy/render_nginx.py --listen 80 --server-name atlas.example.org \
        --ports 8501 8502 --max-upload 12m > /etc/nginx/conf.d/pilot-atlas.conf

Only the standard library: it runs without the app's virtual environment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "pilot-atlas.conf.template"


def render(
    *,
    listen: str = "80",
    server_name: str = "_",
    servers: list[str] | None = None,
    max_upload: str = "12m",
) -> str:
    """The nginx configuration with every ``{{placeholder}}`` filled in."""
    servers = servers or ["127.0.0.1:8501", "127.0.0.1:8502"]
    values = {
        "listen": listen,
        "server_name": server_name,
        "upstreams": "\n".join(f"    server {s};" for s in servers),
        "max_upload": max_upload,
    }
    lines = []
    for raw in TEMPLATE.read_text(encoding="utf-8").splitlines():
        line = raw
        if not raw.lstrip().startswith("#"):  # the comments document the placeholders
            for name, value in values.items():
                line = line.replace("{{" + name + "}}", value)
            if "{{" in line:
                raise ValueError(f"unfilled placeholder in the nginx template: {raw}")
        lines.append(line)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listen", default="80")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--host", default="127.0.0.1", help="address of the app servers")
    parser.add_argument("--ports", nargs="+", default=["8501", "8502"])
    parser.add_argument("--max-upload", default="12m")
    args = parser.parse_args(argv)
    servers = [f"{args.host}:{port}" for port in args.ports]
    sys.stdout.write(
        render(
            listen=args.listen,
            server_name=args.server_name,
            servers=servers,
            max_upload=args.max_upload,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
