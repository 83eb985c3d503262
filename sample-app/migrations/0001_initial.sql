-- Migration 0001_initial, written by makemigrations.
--   Create table Authors (Id, Name)
--   Create table BlogPosts (Id, Title, Slug, Year, Body, AuthorId)
--   Create index IX_BlogPosts_AuthorId on BlogPosts (AuthorId)
--   Create unique index IX_BlogPosts_Slug on BlogPosts (Slug)
--   Create index IX_BlogPosts_Year on BlogPosts (Year)
-- Its postgresql part is empty: 0002_post_published_created creates the whole schema there (makemigrations --fill-databases).
-- `migrate` applies the part of the configured database in one transaction; statements marked outside-transaction run outside it.

-- micro:database sqlite
-- micro:statement
CREATE TABLE "Authors" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Authors" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL DEFAULT ''
);

-- micro:statement
CREATE TABLE "BlogPosts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BlogPosts" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL DEFAULT '',
    "Slug" TEXT NOT NULL DEFAULT '',
    "Year" INTEGER NOT NULL,
    "Body" TEXT NOT NULL DEFAULT '',
    "AuthorId" INTEGER NOT NULL,
    CONSTRAINT "FK_BlogPosts_Authors_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "Authors" ("Id") ON DELETE CASCADE
);

-- micro:statement
CREATE INDEX "IX_BlogPosts_AuthorId" ON "BlogPosts" ("AuthorId");

-- micro:statement
CREATE UNIQUE INDEX "IX_BlogPosts_Slug" ON "BlogPosts" ("Slug");

-- micro:statement
CREATE INDEX "IX_BlogPosts_Year" ON "BlogPosts" ("Year");

-- micro:database postgresql
-- (nothing to change)
