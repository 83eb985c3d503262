-- Migration 0004_photo_sizes, written by makemigrations.
--   Add column Height to Photos
--   Add column Width to Photos
-- `migrate` applies the part of the configured database in one transaction; statements marked outside-transaction run outside it.

-- micro:database sqlite
-- micro:statement
ALTER TABLE "Photos" ADD "Height" INTEGER NULL;

-- micro:statement
ALTER TABLE "Photos" ADD "Width" INTEGER NULL;

-- micro:database postgresql
-- micro:statement
ALTER TABLE "Photos" ADD "Height" integer;

-- micro:statement
ALTER TABLE "Photos" ADD "Width" integer;
