-- Migration auth.0001_initial: Micro's users, groups and permissions, with Django's table and column names.
--   Create table auth_user, auth_group, auth_permission
--   Create tables auth_user_groups, auth_user_user_permissions, auth_group_permissions (the many-to-many links)
-- `migrate` applies it in one transaction, before the app's own migrations.

-- micro:statement
CREATE TABLE "auth_user" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_auth_user" PRIMARY KEY AUTOINCREMENT,
    "password" TEXT NOT NULL,
    "last_login" TEXT NULL,
    "is_superuser" INTEGER NOT NULL DEFAULT 0,
    "username" TEXT NOT NULL,
    "first_name" TEXT NOT NULL DEFAULT '',
    "last_name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "is_staff" INTEGER NOT NULL DEFAULT 0,
    "is_active" INTEGER NOT NULL DEFAULT 1,
    "date_joined" TEXT NOT NULL
);

-- micro:statement
CREATE UNIQUE INDEX "IX_auth_user_username" ON "auth_user" ("username");

-- micro:statement
CREATE TABLE "auth_group" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_auth_group" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- micro:statement
CREATE UNIQUE INDEX "IX_auth_group_name" ON "auth_group" ("name");

-- micro:statement
CREATE TABLE "auth_permission" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_auth_permission" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "app_label" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "codename" TEXT NOT NULL
);

-- micro:statement
CREATE UNIQUE INDEX "IX_auth_permission_app_label_codename" ON "auth_permission" ("app_label", "codename");

-- micro:statement
CREATE TABLE "auth_user_groups" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_auth_user_groups" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,
    CONSTRAINT "FK_auth_user_groups_auth_user_user_id" FOREIGN KEY ("user_id") REFERENCES "auth_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_auth_user_groups_auth_group_group_id" FOREIGN KEY ("group_id") REFERENCES "auth_group" ("id") ON DELETE CASCADE
);

-- micro:statement
CREATE UNIQUE INDEX "IX_auth_user_groups_user_id_group_id" ON "auth_user_groups" ("user_id", "group_id");

-- micro:statement
CREATE INDEX "IX_auth_user_groups_group_id" ON "auth_user_groups" ("group_id");

-- micro:statement
CREATE TABLE "auth_user_user_permissions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_auth_user_user_permissions" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "permission_id" INTEGER NOT NULL,
    CONSTRAINT "FK_auth_user_user_permissions_auth_user_user_id" FOREIGN KEY ("user_id") REFERENCES "auth_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_auth_user_user_permissions_auth_permission_permission_id" FOREIGN KEY ("permission_id") REFERENCES "auth_permission" ("id") ON DELETE CASCADE
);

-- micro:statement
CREATE UNIQUE INDEX "IX_auth_user_user_permissions_user_id_permission_id" ON "auth_user_user_permissions" ("user_id", "permission_id");

-- micro:statement
CREATE INDEX "IX_auth_user_user_permissions_permission_id" ON "auth_user_user_permissions" ("permission_id");

-- micro:statement
CREATE TABLE "auth_group_permissions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_auth_group_permissions" PRIMARY KEY AUTOINCREMENT,
    "group_id" INTEGER NOT NULL,
    "permission_id" INTEGER NOT NULL,
    CONSTRAINT "FK_auth_group_permissions_auth_group_group_id" FOREIGN KEY ("group_id") REFERENCES "auth_group" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_auth_group_permissions_auth_permission_permission_id" FOREIGN KEY ("permission_id") REFERENCES "auth_permission" ("id") ON DELETE CASCADE
);

-- micro:statement
CREATE UNIQUE INDEX "IX_auth_group_permissions_group_id_permission_id" ON "auth_group_permissions" ("group_id", "permission_id");

-- micro:statement
CREATE INDEX "IX_auth_group_permissions_permission_id" ON "auth_group_permissions" ("permission_id");
