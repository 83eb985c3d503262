-- Migration 0001_initial, written by makemigrations.
--   Create table Items (Id, Name)
-- `migrate` applies it in one transaction; statements marked outside-transaction run outside it.

-- micro:statement
CREATE TABLE "Items" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Items" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL DEFAULT ''
);
