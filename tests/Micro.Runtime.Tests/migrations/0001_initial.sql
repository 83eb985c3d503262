-- Migration 0001_initial, written by makemigrations.
--   Create table Writers (Id, Name)
--   Create table Articles (Id, Title, Slug, Year, Body, Published, WriterId)
--   Create unique index IX_Articles_Slug on Articles (Slug)
--   Create unique index IX_Articles_WriterId_Title on Articles (WriterId, Title)
-- `migrate` applies it in one transaction; statements marked outside-transaction run outside it.

-- micro:statement
CREATE TABLE "Writers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Writers" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL DEFAULT ''
);

-- micro:statement
CREATE TABLE "Articles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Articles" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL DEFAULT '',
    "Slug" TEXT NOT NULL DEFAULT '',
    "Year" INTEGER NOT NULL DEFAULT 2024,
    "Body" TEXT NOT NULL DEFAULT '',
    "Published" INTEGER NOT NULL DEFAULT 1,
    "WriterId" INTEGER NOT NULL,
    CONSTRAINT "FK_Articles_Writers_WriterId" FOREIGN KEY ("WriterId") REFERENCES "Writers" ("Id") ON DELETE CASCADE
);

-- micro:statement
CREATE UNIQUE INDEX "IX_Articles_Slug" ON "Articles" ("Slug");

-- micro:statement
CREATE UNIQUE INDEX "IX_Articles_WriterId_Title" ON "Articles" ("WriterId", "Title");
