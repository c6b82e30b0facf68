"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const config_1 = require("vitest/config");
exports.default = (0, config_1.defineConfig)({
    test: {
        include: ["test/**/*.test.ts"],
        // TF.js keeps global engine state: one process per file keeps files independent.
        pool: "forks",
        testTimeout: 60000,
        hookTimeout: 120000,
        // Graded tests read the submission from CNNLAB_SUBMISSION; the suite itself checks the solutions.
        env: { CNNLAB_SUBMISSION: process.env.CNNLAB_SUBMISSION ?? "solutions" },
    },
});
//# sourceMappingURL=vitest.config.js.map