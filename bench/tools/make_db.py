#!/usr/bin/env python3
"""Creates the Fortunes database of the TechEmpower spec (12 rows, one with markup to escape); postgres.py reads FORTUNES."""
import sqlite3
import sys

FORTUNES = [
    "fortune: No such file or directory",
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. \u2014 Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
    "\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af",
]


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
