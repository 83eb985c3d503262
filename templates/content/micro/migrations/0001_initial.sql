-- Migration 0001_initial, written by makemigrations.
--   Create table Notes (Id, Title, Body)
-- `migrate` applies it in one transaction; statements marked outside-transaction run outside it.

-- micro:statement
CREATE TABLE "Notes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notes" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL DEFAULT '',
    "Body" TEXT NOT NULL DEFAULT ''
);
