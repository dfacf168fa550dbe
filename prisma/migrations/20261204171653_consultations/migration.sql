-- CreateEnum
CREATE TYPE "ConsultationStatus" AS ENUM ('draft', 'open', 'closed', 'analysis', 'published');

-- AlterTable
ALTER TABLE "Council" ADD COLUMN     "consultationMinimumDays" INTEGER NOT NULL DEFAULT 42;

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL,
    "councilId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleCy" TEXT,
    "summary" TEXT NOT NULL,
    "summaryCy" TEXT,
    "background" TEXT NOT NULL,
    "backgroundCy" TEXT,
    "audience" TEXT,
    "wardCodes" TEXT[],
    "status" "ConsultationStatus" NOT NULL DEFAULT 'draft',
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "shortDurationReason" TEXT,
    "allowAnonymous" BOOLEAN NOT NULL DEFAULT false,
    "equality" JSONB,
    "questionnaire" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationVersion" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "background" TEXT NOT NULL,
    "questionnaire" JSONB NOT NULL,
    "closesAt" TIMESTAMP(3),
    "changeNote" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultationVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationDraft" (
    "consultationId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "pageId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsultationDraft_pkey" PRIMARY KEY ("consultationId","accountId")
);

-- CreateTable
CREATE TABLE "ConsultationResponse" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "respondentKey" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "wardCode" TEXT,
    "lsoaCode" TEXT,
    "imdDecile" INTEGER,
    "postcode" TEXT,
    "postcodeClearAfter" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsultationResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseAnswer" (
    "responseId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION,
    "text" TEXT,

    CONSTRAINT "ResponseAnswer_pkey" PRIMARY KEY ("responseId","questionId","optionId")
);

-- CreateTable
CREATE TABLE "EqualityAnswers" (
    "responseId" TEXT NOT NULL,
    "ageBand" TEXT,
    "sex" TEXT,
    "genderSame" TEXT,
    "ethnicGroup" TEXT,
    "disability" TEXT,
    "religion" TEXT,
    "sexualOrientation" TEXT,
    "deleteAfter" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EqualityAnswers_pkey" PRIMARY KEY ("responseId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_councilId_slug_key" ON "Consultation"("councilId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationVersion_consultationId_version_key" ON "ConsultationVersion"("consultationId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationResponse_reference_key" ON "ConsultationResponse"("reference");

-- CreateIndex
CREATE INDEX "ConsultationResponse_consultationId_wardCode_idx" ON "ConsultationResponse"("consultationId", "wardCode");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationResponse_consultationId_respondentKey_key" ON "ConsultationResponse"("consultationId", "respondentKey");

-- CreateIndex
CREATE INDEX "ResponseAnswer_questionId_optionId_idx" ON "ResponseAnswer"("questionId", "optionId");

-- CreateIndex
CREATE INDEX "EqualityAnswers_deleteAfter_idx" ON "EqualityAnswers"("deleteAfter");

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationVersion" ADD CONSTRAINT "ConsultationVersion_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationDraft" ADD CONSTRAINT "ConsultationDraft_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationDraft" ADD CONSTRAINT "ConsultationDraft_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationResponse" ADD CONSTRAINT "ConsultationResponse_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseAnswer" ADD CONSTRAINT "ResponseAnswer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "ConsultationResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EqualityAnswers" ADD CONSTRAINT "EqualityAnswers_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "ConsultationResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;
