-- Migration 0001_initial, written by makemigrations.
--   Create table AuditRecords (Id, Message)
--   Create table Writers (Id, Name, Email)
--   Create table Articles (Id, Title, Slug, Body, Status, Featured, Published, Views, WriterId)
--   Create table Comments (Id, ArticleId, Text)
--   Create index IX_Articles_Published on Articles (Published)
--   Create unique index IX_Articles_Slug on Articles (Slug)
--   Create index IX_Articles_WriterId on Articles (WriterId)
--   Create index IX_Comments_ArticleId on Comments (ArticleId)
-- `migrate` applies it in one transaction; statements marked outside-transaction run outside it.

-- micro:statement
CREATE TABLE "AuditRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditRecords" PRIMARY KEY AUTOINCREMENT,
    "Message" TEXT NOT NULL DEFAULT ''
);

-- micro:statement
CREATE TABLE "Writers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Writers" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL DEFAULT '',
    "Email" TEXT NOT NULL DEFAULT ''
);

-- micro:statement
CREATE TABLE "Articles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Articles" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL DEFAULT '',
    "Slug" TEXT NOT NULL DEFAULT '',
    "Body" TEXT NOT NULL DEFAULT '',
    "Status" INTEGER NOT NULL,
    "Featured" INTEGER NOT NULL,
    "Published" TEXT NOT NULL,
    "Views" INTEGER NOT NULL,
    "WriterId" INTEGER NOT NULL,
    CONSTRAINT "FK_Articles_Writers_WriterId" FOREIGN KEY ("WriterId") REFERENCES "Writers" ("Id") ON DELETE CASCADE
);

-- micro:statement
CREATE TABLE "Comments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Comments" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "FK_Comments_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

-- micro:statement
CREATE INDEX "IX_Articles_Published" ON "Articles" ("Published");

-- micro:statement
CREATE UNIQUE INDEX "IX_Articles_Slug" ON "Articles" ("Slug");

-- micro:statement
CREATE INDEX "IX_Articles_WriterId" ON "Articles" ("WriterId");

-- micro:statement
CREATE INDEX "IX_Comments_ArticleId" ON "Comments" ("ArticleId");
