import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // TF.js keeps global engine state: one process per file keeps files independent.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Graded tests read the submission from CNNLAB_SUBMISSION; the suite itself checks the solutions.
    env: { CNNLAB_SUBMISSION: process.env.CNNLAB_SUBMISSION ?? "solutions" },
  },
});
