"""Consistent online backups, and restoring them.

SQLite: the backup API copies the live database page by page into a new file, consistent even
while the site writes. PostgreSQL: ``pg_dump`` (custom format) takes a consistent snapshot;
``pg_restore --clean`` puts it back.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def _vendor(alias: str) -> str:
    return connections[alias].vendor


def _pg_env(settings: dict) -> tuple[list[str], dict]:
    args = []
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")


def backup(path: Path, alias: str = "default") -> Path:
    """Write a consistent copy of the database to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    if _vendor(alias) == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return path
    if _vendor(alias) == "postgresql":
        settings = connection.settings_dict
        args, env = _pg_env(settings)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                *args,
                "--file",
                str(path),
                settings["NAME"],
            ],
            env,
        )
        return path
    raise BackupError(f"No backup method for {_vendor(alias)} databases.")


def restore(path: Path, alias: str = "default") -> None:
    """Replace the database's content with the backup at ``path``."""
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    connection = connections[alias]
    if _vendor(alias) == "sqlite":
        source = sqlite3.connect(path)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    if _vendor(alias) == "postgresql":
        settings = connection.settings_dict
        args, env = _pg_env(settings)
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                "--dbname",
                settings["NAME"],
                str(path),
            ],
            env,
        )
        return
    raise BackupError(f"No restore method for {_vendor(alias)} databases.")
