-- Migration sessions.0001_initial: the database session store's table (Django's django_session).
--   Create table micro_session (session_key, session_data, expire_date)
-- `migrate` applies it in one transaction, before the app's own migrations.

-- micro:database postgresql

-- micro:statement
CREATE TABLE "micro_session" (
    "session_key" text NOT NULL CONSTRAINT "PK_micro_session" PRIMARY KEY,
    "session_data" text NOT NULL,
    "expire_date" timestamp with time zone NOT NULL
);

-- micro:statement
CREATE INDEX "IX_micro_session_expire_date" ON "micro_session" ("expire_date");
