-- Migration 0002_post_published_created, written by makemigrations.
--   Add column Created to BlogPosts
--   Add column Published to BlogPosts
-- `migrate` applies it in one transaction; statements marked outside-transaction run outside it.

-- micro:statement
ALTER TABLE "BlogPosts" ADD "Created" TEXT NOT NULL DEFAULT '0001-01-01 00:00:00';

-- micro:statement
ALTER TABLE "BlogPosts" ADD "Published" INTEGER NOT NULL DEFAULT 1;
