// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone),
// features/step_definitions/record/common.ts at commit 099d41a9b187954ba1cca3f098f295f91f05e911.
// MIT License, Copyright (c) Cybozu, Inc.: see ../../../LICENSE-cli-kintone.
// Adapted: CommonJS; commands written out instead of upstream's QueryBuilder (same arguments).
"use strict";

const assert = require("assert");
const { Given, When, Then } = require("../../utils/world");
const { TOKEN_PERMISSIONS } = require("../../utils/credentials");
const { generateCsvRow } = require("../../utils/helper");

const guestSpaceOption = (appCredential) =>
  appCredential.guestSpaceId && appCredential.guestSpaceId.length > 0
    ? ` --guest-space-id ${appCredential.guestSpaceId}`
    : "";

const parsePermissions = (permission) => {
  const permissions = permission.split(",").map((p) => p.trim().toLowerCase());
  if (permissions.some((p) => !TOKEN_PERMISSIONS.includes(p))) {
    throw new Error(`Invalid permissions found. Supported permissions: ${TOKEN_PERMISSIONS.join(", ")}`);
  }
  return permissions;
};

Given("Load environment variable {string} as {string}", function (srcKey, destKey) {
  const value = process.env[srcKey];
  if (value === undefined) {
    throw new Error(`The env variable is missing: ${srcKey}`);
  }
  this.env = { [destKey]: value, ...this.env };
});

Given("Load app ID of the app {string} as env var: {string}", function (appKey, destEnvVar) {
  const appCredential = this.getAppCredentialByAppKey(appKey);
  this.env = { [destEnvVar]: appCredential.appId, ...this.env };
});

Given("Load guest space ID of the app {string} as env var: {string}", function (appKey, destEnvVar) {
  const appCredential = this.getAppCredentialByAppKey(appKey);
  if (!appCredential.guestSpaceId || appCredential.guestSpaceId.length === 0) {
    throw new Error(`The app ${appKey} has no guest space ID`);
  }
  this.env = { [destEnvVar]: appCredential.guestSpaceId, ...this.env };
});

Given("Load the record numbers of the app {string} as variable: {string}", function (appKey, destVar) {
  const recordNumbers = this.getRecordNumbersByAppKey(appKey);
  this.replacements = { [destVar]: recordNumbers, ...this.replacements };
});

Given(
  "Load the record numbers with field code {string} of the app {string} as variable: {string}",
  function (fieldCode, appKey, destVar) {
    const recordNumbers = this.getRecordNumbersByAppKey(appKey, fieldCode);
    this.replacements = { [destVar]: recordNumbers, ...this.replacements };
  },
);

Given(
  "Load app token of the app {string} with exact permissions {string} as env var: {string}",
  function (appKey, permission, destEnvVar) {
    const apiToken = this.getAPITokenByAppAndPermissions(appKey, parsePermissions(permission));
    this.env = { [destEnvVar]: apiToken, ...this.env };
  },
);

Given(
  "Load username and password of the app {string} with exact permissions {string} as env vars: {string} and {string}",
  function (appKey, permission, usernameEnvVar, passwordEnvVar) {
    const userCredential = this.getUserCredentialByAppAndUserPermissions(
      appKey,
      parsePermissions(permission),
    );
    this.env = {
      [usernameEnvVar]: userCredential.username,
      [passwordEnvVar]: userCredential.password,
      ...this.env,
    };
  },
);

Given(
  "Load username and password of user {string} as env vars: {string} and {string}",
  function (userKey, usernameEnvVar, passwordEnvVar) {
    const userCredential = this.getUserCredentialByUserKey(userKey);
    this.env = {
      [usernameEnvVar]: userCredential.username,
      [passwordEnvVar]: userCredential.password,
      ...this.env,
    };
  },
);

Given("The app {string} has no records", function (appKey) {
  const appCredential = this.getAppCredentialByAppKey(appKey);
  const apiToken = this.getAPITokenByAppAndPermissions(appKey, ["view", "delete"]);
  this.execCliKintoneSync(
    `record delete --base-url $$TEST_KINTONE_BASE_URL --app ${appCredential.appId} --api-token ${apiToken}` +
      `${guestSpaceOption(appCredential)} --yes`,
  );
  if (this.response.status !== 0) {
    throw new Error(`Resetting app failed. Error: \n${this.response.stderr}`);
  }
});

Given("The app {string} has some records as below:", async function (appKey, table) {
  const appCredential = this.getAppCredentialByAppKey(appKey);
  const apiToken = this.getAPITokenByAppAndPermissions(appKey, ["add"]);
  const csvObject = this.replacePlaceholdersInRawDataTables(table.raw());
  const tempFilePath = await this.generateCsvFile(csvObject);
  this.execCliKintoneSync(
    `record import --base-url $$TEST_KINTONE_BASE_URL --app ${appCredential.appId} --api-token ${apiToken}` +
      `${guestSpaceOption(appCredential)} --file-path ${tempFilePath}`,
  );
  if (this.response.status !== 0) {
    throw new Error(`Importing CSV failed. Error: \n${this.response.stderr}`);
  }
});

Given(
  "The app {string} has some records with attachments in directory {string} as below:",
  async function (appKey, attachmentDir, table) {
    const appCredential = this.getAppCredentialByAppKey(appKey);
    const apiToken = this.getAPITokenByAppAndPermissions(appKey, ["add"]);
    const csvObject = this.replacePlaceholdersInRawDataTables(table.raw());
    const tempFilePath = await this.generateCsvFile(csvObject);
    this.execCliKintoneSync(
      `record import --base-url $$TEST_KINTONE_BASE_URL --app ${appCredential.appId} --api-token ${apiToken}` +
        `${guestSpaceOption(appCredential)} --file-path ${tempFilePath} --attachments-dir ${attachmentDir}`,
    );
    if (this.response.status !== 0) {
      throw new Error(`Importing CSV failed. Error: \n${this.response.stderr}`);
    }
  },
);

When("I run the command with args {string}", function (args) {
  this.execCliKintoneSync(args);
});

When("I run the command with a prompt with args {string}", function (args) {
  this.execCliKintone(args);
});

When("I type {string}", function (userInput) {
  this.childProcess.stdin.write(userInput);
});

When("I press Enter", function () {
  return new Promise((resolve) => {
    // the listener first, so that a process exiting at once is not missed
    this.childProcess.on("close", () => {
      resolve();
    });
    this.childProcess.stdin.write("\n");
    this.childProcess.stdin.end();
  });
});

Then("I should get the exit code is non-zero", function () {
  assert.notEqual(this.response.status, 0, this.response.stderr.toString());
});

Then("I should get the exit code is zero", function () {
  assert.equal(this.response.status, 0, this.response.stderr.toString());
});

Then("The output error message should match with the pattern: {string}", function (errorMessage) {
  const reg = new RegExp(errorMessage);
  assert.match(this.response.stderr.toString(), reg);
});

Then("The output message should match with the pattern: {string}", function (message) {
  const reg = new RegExp(message);
  assert.match(this.response.stdout.toString(), reg);
});

Then("The output message should match with the pattern:", function (message) {
  const reg = new RegExp(message);
  assert.match(this.response.stdout.toString(), reg);
});

Then("The output message should match with the data below:", async function (table) {
  const records = this.replacePlaceholdersInRawDataTables(table.raw());
  records.forEach((record) => {
    const csvRow = generateCsvRow(record);
    assert.match(this.response.stdout.toString(), new RegExp(`${csvRow}`));
  });
});

Then("The app {string} should have {int} records", function (appKey, numberOfRecords) {
  const recordNumbers = this.getRecordNumbersByAppKey(appKey);
  assert.equal(recordNumbers.length, numberOfRecords, "The number of records does not match");
});

Given("I have a file in {string}", async function (filePath) {
  await this.generateFile(filePath);
});
