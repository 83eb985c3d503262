-- Migration 0005_comment_clipping, written by makemigrations.
--   Add column ClippingId to Comments
--   Create index IX_Comments_ClippingId on Comments (ClippingId)
--   Add foreign key FK_Comments_Clippings_ClippingId on Comments
-- `migrate` applies the part of the configured database in one transaction; statements marked outside-transaction run outside it.

-- micro:database sqlite
-- micro:statement
ALTER TABLE "Comments" ADD "ClippingId" INTEGER NULL;

-- micro:statement
CREATE INDEX "IX_Comments_ClippingId" ON "Comments" ("ClippingId");

-- micro:statement
CREATE TABLE "ef_temp_Comments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Comments" PRIMARY KEY AUTOINCREMENT,
    "ApproverId" INTEGER NULL,
    "ArticleId" INTEGER NOT NULL,
    "ClippingId" INTEGER NULL,
    "ReplierId" INTEGER NULL,
    "Text" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "FK_Comments_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Comments_Clippings_ClippingId" FOREIGN KEY ("ClippingId") REFERENCES "Clippings" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Comments_Writers_ApproverId" FOREIGN KEY ("ApproverId") REFERENCES "Writers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Comments_Writers_ReplierId" FOREIGN KEY ("ReplierId") REFERENCES "Writers" ("Id") ON DELETE SET NULL
);

-- micro:statement
INSERT INTO "ef_temp_Comments" ("Id", "ApproverId", "ArticleId", "ClippingId", "ReplierId", "Text")
SELECT "Id", "ApproverId", "ArticleId", "ClippingId", "ReplierId", "Text"
FROM "Comments";

-- micro:statement outside-transaction
PRAGMA foreign_keys = 0;

-- micro:statement
DROP TABLE "Comments";

-- micro:statement
ALTER TABLE "ef_temp_Comments" RENAME TO "Comments";

-- micro:statement outside-transaction
PRAGMA foreign_keys = 1;

-- micro:statement
CREATE INDEX "IX_Comments_ApproverId" ON "Comments" ("ApproverId");

-- micro:statement
CREATE INDEX "IX_Comments_ArticleId" ON "Comments" ("ArticleId");

-- micro:statement
CREATE INDEX "IX_Comments_ClippingId" ON "Comments" ("ClippingId");

-- micro:statement
CREATE INDEX "IX_Comments_ReplierId" ON "Comments" ("ReplierId");

-- micro:database postgresql
-- micro:statement
ALTER TABLE "Comments" ADD "ClippingId" integer;

-- micro:statement
CREATE INDEX "IX_Comments_ClippingId" ON "Comments" ("ClippingId");

-- micro:statement
ALTER TABLE "Comments" ADD CONSTRAINT "FK_Comments_Clippings_ClippingId" FOREIGN KEY ("ClippingId") REFERENCES "Clippings" ("Id") ON DELETE SET NULL;
