-- Migration 0003_page_sizes, written by makemigrations.
--   Add column Height to ClippingPages
--   Add column Width to ClippingPages
-- `migrate` applies the part of the configured database in one transaction; statements marked outside-transaction run outside it.

-- micro:database sqlite
-- micro:statement
ALTER TABLE "ClippingPages" ADD "Height" INTEGER NULL;

-- micro:statement
ALTER TABLE "ClippingPages" ADD "Width" INTEGER NOT NULL DEFAULT 0;

-- micro:database postgresql
-- micro:statement
ALTER TABLE "ClippingPages" ADD "Height" integer;

-- micro:statement
ALTER TABLE "ClippingPages" ADD "Width" integer NOT NULL DEFAULT 0;
