-- CreateEnum
CREATE TYPE "ModerationMode" AS ENUM ('pre', 'post');

-- CreateEnum
CREATE TYPE "ModerationStatus" AS ENUM ('visible', 'held', 'hidden', 'rejected');

-- AlterTable
ALTER TABLE "Consultation" ADD COLUMN     "holdAfterReports" INTEGER,
ADD COLUMN     "moderation" "ModerationMode" NOT NULL DEFAULT 'post',
ADD COLUMN     "prioritiesBoard" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "publishedAt" TIMESTAMP(3),
ADD COLUMN     "weDid" TEXT,
ADD COLUMN     "weDidCy" TEXT,
ADD COLUMN     "youSaid" TEXT,
ADD COLUMN     "youSaidCy" TEXT;

-- CreateTable
CREATE TABLE "ConsultationFollower" (
    "consultationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultationFollower_pkey" PRIMARY KEY ("consultationId","email")
);

-- CreateTable
CREATE TABLE "ConsultationDecisionLink" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "url" TEXT,
    "projectId" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ConsultationDecisionLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseCode" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "nodeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResponseCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnswerCoding" (
    "responseId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "codeId" TEXT NOT NULL,
    "coderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerCoding_pkey" PRIMARY KEY ("responseId","questionId","codeId","coderId")
);

-- CreateTable
CREATE TABLE "Priority" (
    "id" TEXT NOT NULL,
    "councilId" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "tags" TEXT[],
    "wardCode" TEXT,
    "place" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "status" "ModerationStatus" NOT NULL,
    "heldFor" TEXT[],
    "decision" JSONB,
    "appeal" JSONB,
    "mergedIntoId" TEXT,
    "supportCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Priority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrioritySupport" (
    "priorityId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrioritySupport_pkey" PRIMARY KEY ("priorityId","accountId")
);

-- CreateTable
CREATE TABLE "PriorityComment" (
    "id" TEXT NOT NULL,
    "councilId" TEXT NOT NULL,
    "priorityId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "status" "ModerationStatus" NOT NULL,
    "heldFor" TEXT[],
    "decision" JSONB,
    "appeal" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriorityComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentReport" (
    "id" TEXT NOT NULL,
    "councilId" TEXT NOT NULL,
    "itemKind" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsultationDecisionLink_consultationId_idx" ON "ConsultationDecisionLink"("consultationId");

-- CreateIndex
CREATE UNIQUE INDEX "ResponseCode_consultationId_questionId_label_key" ON "ResponseCode"("consultationId", "questionId", "label");

-- CreateIndex
CREATE INDEX "AnswerCoding_codeId_idx" ON "AnswerCoding"("codeId");

-- CreateIndex
CREATE INDEX "Priority_consultationId_status_idx" ON "Priority"("consultationId", "status");

-- CreateIndex
CREATE INDEX "Priority_councilId_status_idx" ON "Priority"("councilId", "status");

-- CreateIndex
CREATE INDEX "PriorityComment_priorityId_status_idx" ON "PriorityComment"("priorityId", "status");

-- CreateIndex
CREATE INDEX "PriorityComment_councilId_status_idx" ON "PriorityComment"("councilId", "status");

-- CreateIndex
CREATE INDEX "ContentReport_councilId_createdAt_idx" ON "ContentReport"("councilId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ContentReport_itemKind_itemId_reporterId_key" ON "ContentReport"("itemKind", "itemId", "reporterId");

-- AddForeignKey
ALTER TABLE "ConsultationFollower" ADD CONSTRAINT "ConsultationFollower_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationDecisionLink" ADD CONSTRAINT "ConsultationDecisionLink_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationDecisionLink" ADD CONSTRAINT "ConsultationDecisionLink_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseCode" ADD CONSTRAINT "ResponseCode_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseCode" ADD CONSTRAINT "ResponseCode_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "FrameworkNode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerCoding" ADD CONSTRAINT "AnswerCoding_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "ConsultationResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerCoding" ADD CONSTRAINT "AnswerCoding_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "ResponseCode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrioritySupport" ADD CONSTRAINT "PrioritySupport_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrioritySupport" ADD CONSTRAINT "PrioritySupport_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorityComment" ADD CONSTRAINT "PriorityComment_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorityComment" ADD CONSTRAINT "PriorityComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentReport" ADD CONSTRAINT "ContentReport_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
