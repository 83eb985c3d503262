-- Migration 0001_initial, written by makemigrations.
--   Create table Authors (Id, Name, Email)
--   Create table Posts (Id, Title, Slug, Year, Published, Views, Rating, PublishedAt, AuthorId)
--   Create unique index IX_Authors_Email on Authors (Email)
--   Create unique index IX_Posts_AuthorId_Slug on Posts (AuthorId, Slug)
--   Create index IX_Posts_Year on Posts (Year)
-- `migrate` applies it in one transaction; statements marked outside-transaction run outside it.

-- micro:statement
CREATE TABLE "Authors" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Authors" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL DEFAULT '',
    "Email" TEXT NULL
);

-- micro:statement
CREATE TABLE "Posts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Posts" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL DEFAULT '',
    "Slug" TEXT NOT NULL DEFAULT '',
    "Year" INTEGER NOT NULL,
    "Published" INTEGER NOT NULL DEFAULT 1,
    "Views" INTEGER NOT NULL,
    "Rating" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "AuthorId" INTEGER NOT NULL,
    CONSTRAINT "FK_Posts_Authors_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "Authors" ("Id") ON DELETE CASCADE
);

-- micro:statement
CREATE UNIQUE INDEX "IX_Authors_Email" ON "Authors" ("Email");

-- micro:statement
CREATE UNIQUE INDEX "IX_Posts_AuthorId_Slug" ON "Posts" ("AuthorId", "Slug");

-- micro:statement
CREATE INDEX "IX_Posts_Year" ON "Posts" ("Year");
