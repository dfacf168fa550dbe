-- CreateEnum
CREATE TYPE "BudgetPhase" AS ENUM ('draft', 'ideas', 'review', 'voting', 'results', 'delivery');

-- CreateEnum
CREATE TYPE "BallotType" AS ENUM ('approval', 'knapsack', 'cumulative', 'ranked');

-- CreateEnum
CREATE TYPE "CountingRule" AS ENUM ('greedy', 'greedy_no_skip', 'greedy_threshold', 'equal_shares');

-- CreateEnum
CREATE TYPE "MesCompletion" AS ENUM ('none', 'add1', 'add1_utilitarian');

-- CreateEnum
CREATE TYPE "MesUtilities" AS ENUM ('cost', 'cardinality');

-- CreateEnum
CREATE TYPE "TieBreak" AS ENUM ('default', 'id', 'report');

-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('proposed', 'feasible', 'not_feasible', 'selected', 'not_selected', 'in_delivery', 'delivered');

-- CreateEnum
CREATE TYPE "BallotChannel" AS ENUM ('online', 'paper');

-- CreateEnum
CREATE TYPE "PaperBatchStatus" AS ENUM ('first_entry', 'second_entry', 'reconciled');

-- CreateTable
CREATE TABLE "BudgetProcess" (
    "id" TEXT NOT NULL,
    "councilId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleCy" TEXT,
    "summary" TEXT NOT NULL,
    "phase" "BudgetPhase" NOT NULL DEFAULT 'draft',
    "ideasOpenAt" TIMESTAMP(3),
    "reviewOpenAt" TIMESTAMP(3),
    "votingOpenAt" TIMESTAMP(3),
    "votingCloseAt" TIMESTAMP(3),
    "resultsAt" TIMESTAMP(3),
    "minimumAge" INTEGER,
    "requirePostcodeInArea" BOOLEAN NOT NULL DEFAULT true,
    "useVotingCodes" BOOLEAN NOT NULL DEFAULT false,
    "ballotType" "BallotType" NOT NULL DEFAULT 'approval',
    "minProjects" INTEGER NOT NULL DEFAULT 1,
    "maxProjects" INTEGER,
    "points" INTEGER,
    "pointsPerProjectCap" INTEGER,
    "rankCount" INTEGER,
    "countingRule" "CountingRule" NOT NULL DEFAULT 'equal_shares',
    "mesCompletion" "MesCompletion" NOT NULL DEFAULT 'add1_utilitarian',
    "mesUtilities" "MesUtilities" NOT NULL DEFAULT 'cost',
    "greedyThreshold" INTEGER,
    "tieBreak" "TieBreak" NOT NULL DEFAULT 'default',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BudgetProcess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessBudget" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "wardCode" TEXT,
    "amountPence" BIGINT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProcessBudget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "costPence" BIGINT NOT NULL,
    "wardCode" TEXT,
    "locationText" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "status" "ProjectStatus" NOT NULL DEFAULT 'proposed',
    "feasibilityReason" TEXT,
    "ideaOf" TEXT,
    "deliveryNote" TEXT,
    "percentComplete" INTEGER,
    "spentPence" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectOutcome" (
    "projectId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 100,

    CONSTRAINT "ProjectOutcome_pkey" PRIMARY KEY ("projectId","nodeId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "voterKey" TEXT NOT NULL,
    "channel" "BallotChannel" NOT NULL DEFAULT 'online',
    "reference" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "paperBatchId" TEXT,
    "castAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotChoice" (
    "ballotId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "BallotChoice_pkey" PRIMARY KEY ("ballotId","projectId")
);

-- CreateTable
CREATE TABLE "Participation" (
    "processId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "accountId" TEXT,
    "channel" "BallotChannel" NOT NULL,
    "wardCode" TEXT,
    "imdDecile" INTEGER,
    "ageBand" TEXT,
    "votedOn" DATE NOT NULL,
    "id" TEXT NOT NULL,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VotingCode" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VotingCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperBallotBatch" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "pollingPlace" TEXT NOT NULL,
    "firstEntryById" TEXT NOT NULL,
    "secondEntryById" TEXT,
    "status" "PaperBatchStatus" NOT NULL DEFAULT 'first_entry',
    "firstEntry" JSONB NOT NULL,
    "secondEntry" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reconciledAt" TIMESTAMP(3),

    CONSTRAINT "PaperBallotBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetResult" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "ballotCount" INTEGER NOT NULL,
    "selected" JSONB NOT NULL,
    "explanation" JSONB NOT NULL,
    "comparison" JSONB,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "BudgetResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetProcess_councilId_slug_key" ON "BudgetProcess"("councilId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessBudget_processId_name_key" ON "ProcessBudget"("processId", "name");

-- CreateIndex
CREATE INDEX "Project_budgetId_idx" ON "Project"("budgetId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_processId_reference_key" ON "Project"("processId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_reference_key" ON "Ballot"("reference");

-- CreateIndex
CREATE INDEX "Ballot_processId_idx" ON "Ballot"("processId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_budgetId_voterKey_key" ON "Ballot"("budgetId", "voterKey");

-- CreateIndex
CREATE INDEX "BallotChoice_projectId_idx" ON "BallotChoice"("projectId");

-- CreateIndex
CREATE INDEX "Participation_processId_idx" ON "Participation"("processId");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_budgetId_accountId_key" ON "Participation"("budgetId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "VotingCode_codeHash_key" ON "VotingCode"("codeHash");

-- CreateIndex
CREATE INDEX "VotingCode_processId_idx" ON "VotingCode"("processId");

-- CreateIndex
CREATE INDEX "BudgetResult_processId_idx" ON "BudgetResult"("processId");

-- AddForeignKey
ALTER TABLE "BudgetProcess" ADD CONSTRAINT "BudgetProcess_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessBudget" ADD CONSTRAINT "ProcessBudget_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "ProcessBudget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectOutcome" ADD CONSTRAINT "ProjectOutcome_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectOutcome" ADD CONSTRAINT "ProjectOutcome_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "FrameworkNode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "ProcessBudget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_paperBatchId_fkey" FOREIGN KEY ("paperBatchId") REFERENCES "PaperBallotBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChoice" ADD CONSTRAINT "BallotChoice_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChoice" ADD CONSTRAINT "BallotChoice_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "ProcessBudget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VotingCode" ADD CONSTRAINT "VotingCode_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperBallotBatch" ADD CONSTRAINT "PaperBallotBatch_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetResult" ADD CONSTRAINT "BudgetResult_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetResult" ADD CONSTRAINT "BudgetResult_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "ProcessBudget"("id") ON DELETE CASCADE ON UPDATE CASCADE;
