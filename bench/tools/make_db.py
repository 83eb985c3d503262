#!/usr/bin/env python3
"""Creates the SQLite file of the HTTP benchmarks: the Fortunes table of the TechEmpower spec (the 12 rows of fortunes.txt,
one with markup to escape; postgres.py reads FORTUNES), and the blog page's 5 authors and 200 posts (one title with markup
to escape), the same every run."""
import pathlib
import sqlite3
import sys

# The messages, one a line; bench/templates reads the same file.
FORTUNES = pathlib.Path(__file__).with_name("fortunes.txt").read_text(encoding="utf-8").splitlines()

AUTHORS = ["Ada Lovelace", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth"]
WORDS = ("the quick brown fox jumps over a lazy dog while templates render lists of posts with links to each author "
         "and every page reverses its urls").split()


def post(i):
    """Post i: its title, slug, year (2000 to 2024, 8 posts a year), body and author. Post 8 is the first on the first page
    (the newest year, the lowest id), and its title has markup to escape."""
    title = "Templates <b>&amp;</b> escaping" if i == 7 else f"Post number {i + 1} about {WORDS[i % len(WORDS)]}"
    body = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(40))
    return i + 1, title, f"post-{i + 1}", 2000 + (i * 7) % 25, body, (i // 25) % len(AUTHORS) + 1


def main():
    db = sqlite3.connect(sys.argv[1])
    db.execute("DROP TABLE IF EXISTS Fortunes")
    db.execute('CREATE TABLE "Fortunes" ("Id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "Message" TEXT NOT NULL)')
    db.executemany('INSERT INTO "Fortunes" ("Id", "Message") VALUES (?, ?)', [(i + 1, m) for i, m in enumerate(FORTUNES)])
    db.execute("DROP TABLE IF EXISTS BlogPosts")
    db.execute("DROP TABLE IF EXISTS Authors")
    db.execute('CREATE TABLE "Authors" ("Id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "Name" TEXT NOT NULL)')
    db.execute('CREATE TABLE "BlogPosts" ("Id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "Title" TEXT NOT NULL, '
               '"Slug" TEXT NOT NULL UNIQUE, "Year" INTEGER NOT NULL, "Body" TEXT NOT NULL, '
               '"AuthorId" INTEGER NOT NULL REFERENCES "Authors" ("Id"))')
    db.execute('CREATE INDEX "IX_BlogPosts_Year" ON "BlogPosts" ("Year")')
    db.executemany('INSERT INTO "Authors" ("Id", "Name") VALUES (?, ?)', [(i + 1, name) for i, name in enumerate(AUTHORS)])
    db.executemany('INSERT INTO "BlogPosts" ("Id", "Title", "Slug", "Year", "Body", "AuthorId") VALUES (?, ?, ?, ?, ?, ?)',
                   [post(i) for i in range(200)])
    db.commit()
    db.execute("PRAGMA journal_mode=WAL")
    db.close()


if __name__ == "__main__":
    main()
