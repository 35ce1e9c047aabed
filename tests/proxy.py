"""Debian's nginx running deploy/nginx.conf in front of app processes, for tests/test_proxy.py.

The shipped file is used as it is, except for the lines it marks for each installation
(``# bcf-upstream``, ``# bcf-listen``, ``# bcf-log``, ``# bcf-cache``): those get this test's ports and paths. A minimal
main configuration around it (``events``, ``http``, temp folders) stands in for /etc/nginx/nginx.conf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from browser import ROOT, apt_install, free_port, stop

SHIPPED = ROOT / "deploy" / "nginx.conf"


def ensure_nginx() -> str:
    """Path to nginx, installing Debian's package with apt-get when missing."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    apt_install("nginx-light")
    subprocess.run(["pkill", "-x", "nginx"], check=False)  # the package may start the system one; not ours
    return shutil.which("nginx") or "/usr/sbin/nginx"


def site_config(upstreams: list[int], port: int, log: Path) -> str:
    """deploy/nginx.conf with this installation's upstream ports, listening port and log file."""
    lines = []
    upstream_lines = iter(upstreams)
    for line in SHIPPED.read_text(encoding="utf-8").splitlines():
        if "# bcf-upstream" in line:
            line = re.sub(r"server \S+", f"server 127.0.0.1:{next(upstream_lines)}", line)
        elif "# bcf-listen" in line:
            line = re.sub(r"listen \S+;", f"listen 127.0.0.1:{port};", line)
        elif "# bcf-log" in line:
            line = re.sub(r"access_log \S+", f"access_log {log}", line)
        elif "# bcf-cache" in line:
            line = re.sub(r"proxy_cache_path \S+", f"proxy_cache_path {log.parent / 'cache'}", line)
        lines.append(line)
    return "\n".join(lines) + "\n"


class NginxProxy:
    """nginx on a free loopback port in front of the given app ports; stopped on exit."""

    def __init__(self, upstreams: list[int]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix="bpo-nginx-"))
        self.folder.chmod(0o755)  # nginx's workers (user nobody when started as root) reach its cache here
        self.access_log = self.folder / "access.log"
        self.upstreams = upstreams
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> NginxProxy:
        nginx = ensure_nginx()
        (self.folder / "site.conf").write_text(site_config(self.upstreams, self.port, self.access_log))
        temp = {name: self.folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for path in temp.values():
            path.mkdir()
        (self.folder / "nginx.conf").write_text(
            f"""worker_processes 1;
pid {self.folder / "nginx.pid"};
error_log {self.folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {self.folder / "site.conf"};
}}
"""
        )
        self.process = subprocess.Popen(
            [nginx, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "stderr.log", "w"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError((self.folder / "stderr.log").read_text()) from None
                time.sleep(0.2)
        raise RuntimeError("nginx did not answer within 20 s")

    def upstream_of(self, route: str) -> str | None:
        """The app address that served the last request with this route cookie (from the access log)."""
        served = None
        for line in self.access_log.read_text().splitlines():
            if f"route={route} " in line:
                found = re.search(r"upstream=(\S+)", line)
                if found and found.group(1) != "-":
                    served = found.group(1).split(",")[-1].strip()
        return served

    def cache_statuses(self, path: str, requests: int) -> list[str]:
        """nginx's cache status (MISS, HIT ...) for the first ``requests`` requests of ``path`` (from the access
        log, which nginx writes just after each response: waited for, up to 10 s)."""
        deadline = time.monotonic() + 10
        while True:
            found = re.findall(rf'"GET {re.escape(path)} [^"]*" \d+ .* cache=(\S+)', self.access_log.read_text())
            if len(found) >= requests or time.monotonic() > deadline:
                return found[:requests]
            time.sleep(0.05)

    def __exit__(self, *exc) -> None:
        stop(self.process)
        shutil.rmtree(self.folder, ignore_errors=True)
