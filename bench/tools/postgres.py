#!/usr/bin/env python3
"""A PostgreSQL 15 server of its own for a bench step, started as .ci/run starts the tests' one (initdb and pg_ctl as the
`postgres` user when running as root, since PostgreSQL refuses root; a temporary data folder; a free loopback port), but with
fsync left on, PostgreSQL's default: the numbers are a production server's. The step stops it and deletes the folder.

  with Postgres() as pg:
      pg.create_fortunes()                # the 12 rows of make_db.py in "Fortunes" ("Id", "Message")
      start(app + [f"--ConnectionStrings:Default={pg.connection_string}"])
"""
import os
import pwd
import shutil
import subprocess
import tempfile

from bench import free_port
from make_db import FORTUNES

BIN = "/usr/lib/postgresql/15/bin"


class Postgres:
    def __init__(self, max_connections=300):
        self.max_connections = max_connections
        self.folder = None
        self.port = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *_):
        self.stop()

    def _as_postgres(self, *cmd, **kwargs):
        prefix = ["runuser", "-u", self.user, "--"] if os.getuid() == 0 else []
        return subprocess.run(prefix + list(cmd), check=True, capture_output=True, text=True, timeout=120, **kwargs)

    def start(self):
        self.user = "postgres" if os.getuid() == 0 else pwd.getpwuid(os.getuid()).pw_name
        self.folder = tempfile.mkdtemp(prefix="micro-bench-pg-")
        account = pwd.getpwnam(self.user)
        os.chown(self.folder, account.pw_uid, account.pw_gid)
        data = os.path.join(self.folder, "data")
        self._as_postgres(f"{BIN}/initdb", "-D", data, "-U", "micro", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.port = free_port()
        try:
            self._as_postgres(f"{BIN}/pg_ctl", "-D", data, "-l", os.path.join(self.folder, "server.log"), "-w", "-o",
                              f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c max_connections={self.max_connections}", "start")
        except subprocess.CalledProcessError:
            print(open(os.path.join(self.folder, "server.log")).read())
            raise
        self.connection_string = f"Host=127.0.0.1;Port={self.port};Username=micro;Database=postgres"

    @property
    def pid(self):
        """The postmaster's pid: bench.cpu_seconds over it counts every backend (its children)."""
        with open(os.path.join(self.folder, "data", "postmaster.pid")) as f:
            return int(f.readline())

    def psql(self, sql):
        subprocess.run([f"{BIN}/psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "micro", "-d", "postgres", "-q",
                        "-v", "ON_ERROR_STOP=1"], input=sql, check=True, capture_output=True, text=True, timeout=60,
                       env={**os.environ, "PGCLIENTENCODING": "UTF8"})

    def create_fortunes(self):
        # Quoted names: the ones Micro's SQL uses for the model Fortune (table "Fortunes", columns "Id" and "Message").
        rows = ",\n".join(f"({i + 1}, '{message.replace(chr(39), chr(39) * 2)}')" for i, message in enumerate(FORTUNES))
        self.psql('CREATE TABLE "Fortunes" ("Id" integer NOT NULL PRIMARY KEY, "Message" varchar(2048) NOT NULL);\n'
                  f'INSERT INTO "Fortunes" ("Id", "Message") VALUES\n{rows};\nANALYZE "Fortunes";\n')

    def stop(self):
        if self.folder is None:
            return
        try:
            self._as_postgres(f"{BIN}/pg_ctl", "-D", os.path.join(self.folder, "data"), "-m", "fast", "-w", "stop")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
