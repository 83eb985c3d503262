-- Migration admin.0001_initial: the admin's history of changes (Django's django_admin_log, with the app label and model
-- name in place of a content type, as Micro's permissions have).
--   Create table django_admin_log (id, action_time, user_id, app_label, model_name, object_id, object_repr, action_flag, change_message)
-- `migrate` applies it in one transaction, before the app's own migrations, in apps that use the admin.

-- micro:statement
CREATE TABLE "django_admin_log" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_django_admin_log" PRIMARY KEY AUTOINCREMENT,
    "action_time" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "app_label" TEXT NOT NULL,
    "model_name" TEXT NOT NULL,
    "object_id" TEXT NULL,
    "object_repr" TEXT NOT NULL,
    "action_flag" INTEGER NOT NULL,
    "change_message" TEXT NOT NULL,
    CONSTRAINT "FK_django_admin_log_auth_user_user_id" FOREIGN KEY ("user_id") REFERENCES "auth_user" ("id") ON DELETE CASCADE
);

-- micro:statement
CREATE INDEX "IX_django_admin_log_object" ON "django_admin_log" ("app_label", "model_name", "object_id");

-- micro:statement
CREATE INDEX "IX_django_admin_log_user_id" ON "django_admin_log" ("user_id");
