"""A throw-away PostgreSQL server for the tests: Debian's postgresql, run as an unprivileged user."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time

from browser import apt_install, free_port


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def ensure_postgres() -> tuple[str, str]:
    """(initdb, pg_ctl), installing Debian's postgresql with apt-get when missing."""
    if not _bin("initdb"):
        apt_install("postgresql")
    return _bin("initdb"), _bin("pg_ctl")


class PostgresServer:
    """initdb + pg_ctl start in a temp folder on a free loopback port; postgres refuses to run as root,
    so as root the server runs as the ``postgres`` user Debian's package creates."""

    def __init__(self):
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="bpo-pg-")
        self.data = os.path.join(self.folder, "data")
        self.user = "postgres" if os.geteuid() == 0 else None

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, stdin=subprocess.DEVNULL, timeout=120)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def __enter__(self) -> PostgresServer:
        initdb, _ = ensure_postgres()
        if self.user:
            account = pwd.getpwnam(self.user)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self._run(initdb, "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions")
        self.start()
        return self

    def stop(self) -> None:
        """Stop the server at once (as a crash or a network cut would look to the app)."""
        _, pg_ctl = ensure_postgres()
        self._run(pg_ctl, "-D", self.data, "-m", "immediate", "-w", "stop")

    def start(self) -> None:
        _, pg_ctl = ensure_postgres()
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off"
        self._run(pg_ctl, "-D", self.data, "-o", options, "-l", os.path.join(self.folder, "log"), "-w", "start")
        deadline = time.monotonic() + 30
        import psycopg

        while True:
            try:
                psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres").close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def new_database(self, name: str) -> str:
        """A fresh, empty database called ``name`` on this server (dropped first if it exists); its URL."""
        import sqlalchemy as sa

        admin = sa.create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def __exit__(self, *exc) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
