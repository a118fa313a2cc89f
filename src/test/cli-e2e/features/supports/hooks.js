// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone), features/supports/hooks.ts
// at commit 077523b0628422da1858a98bb46c447e877d466c. MIT License, Copyright (c) Cybozu, Inc.: see
// ../../LICENSE-cli-kintone. Adapted: CommonJS; the working directories live under E2E_WORK_DIR when run.sh
// sets it (so its trap removes them), else under the system temporary directory.
"use strict";

const { AfterAll, BeforeAll, Status } = require("@cucumber/cucumber");
const fs = require("fs");
const path = require("path");
const os = require("os");
const { After, Before } = require("../utils/world");
const { loadCredentials } = require("../utils/credentials");

let rootDir;
let failedScenarioCount = 0;
let credentials;

BeforeAll(async function () {
  rootDir = fs.mkdtempSync(
    path.join(process.env.E2E_WORK_DIR || os.tmpdir(), `cli-kintone-e2e-test-${new Date().valueOf()}-`),
  );
  console.log(`Root working directory: ${rootDir}`);
  credentials = loadCredentials();
});

Before(function () {
  this.init({ workingDir: rootDir, credentials });
});

Before({ tags: "@isolated" }, function () {
  this.workingDir = fs.mkdtempSync(rootDir ? path.join(rootDir, "case-") : "case-");
});

After(async function (scenario) {
  if (scenario.result?.status === Status.FAILED) {
    failedScenarioCount++;
  }
});

AfterAll(function () {
  if (failedScenarioCount === 0) {
    fs.rmSync(rootDir, { recursive: true, force: true });
  }
});
