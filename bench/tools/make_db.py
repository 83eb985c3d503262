#!/usr/bin/env python3
"""Creates the Fortunes database of the TechEmpower spec (the 12 rows of fortunes.txt, one with markup to escape);
postgres.py reads FORTUNES."""
import pathlib
import sqlite3
import sys

# The messages, one a line; bench/templates reads the same file.
FORTUNES = pathlib.Path(__file__).with_name("fortunes.txt").read_text(encoding="utf-8").splitlines()


def main():
    db = sqlite3.connect(sys.argv[1])
    db.execute("DROP TABLE IF EXISTS Fortunes")
    db.execute('CREATE TABLE "Fortunes" ("Id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "Message" TEXT NOT NULL)')
    db.executemany('INSERT INTO "Fortunes" ("Id", "Message") VALUES (?, ?)', [(i + 1, m) for i, m in enumerate(FORTUNES)])
    db.commit()
    db.execute("PRAGMA journal_mode=WAL")
    db.close()


if __name__ == "__main__":
    main()
