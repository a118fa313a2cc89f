// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone),
// features/step_definitions/record/import.ts at commit 3bb20b97f74ee9de33ac828b9703da0c535e4925.
// MIT License, Copyright (c) Cybozu, Inc.: see ../../../LICENSE-cli-kintone.
// Adapted: CommonJS; commands written out instead of upstream's QueryBuilder (same arguments).
"use strict";

const assert = require("assert");
const fs = require("fs");
const path = require("path");
const { Given, Then } = require("../../utils/world");
const { SUPPORTED_ENCODING, generateCsvRow } = require("../../utils/helper");

const guestSpaceOption = (appCredential) =>
  appCredential.guestSpaceId && appCredential.guestSpaceId.length > 0
    ? ` --guest-space-id ${appCredential.guestSpaceId}`
    : "";

/** Exports the app with a view token, the given extra options; fails the step if cli-kintone fails. */
const exportRecords = (world, appKey, options) => {
  const appCredential = world.getAppCredentialByAppKey(appKey);
  const apiToken = world.getAPITokenByAppAndPermissions(appKey, ["view"]);
  world.execCliKintoneSync(
    `record export --base-url $$TEST_KINTONE_BASE_URL --app ${appCredential.appId} --api-token ${apiToken}` +
      `${guestSpaceOption(appCredential)}${options}`,
  );
  if (world.response.status !== 0) {
    throw new Error(`Getting records failed. Error: \n${world.response.stderr}`);
  }
};

Given("The CSV file {string} with content as below:", async function (filePath, table) {
  const csvObject = this.replacePlaceholdersInRawDataTables(table.raw());
  await this.generateCsvFile(csvObject, { filePath });
});

Given(
  "The CSV file {string} with {string} encoded content as below:",
  async function (filePath, encoding, table) {
    if (!SUPPORTED_ENCODING.includes(encoding)) {
      throw new Error(`The encoding ${encoding} is not supported`);
    }
    const csvObject = this.replacePlaceholdersInRawDataTables(table.raw());
    await this.generateCsvFile(csvObject, { filePath, encoding });
  },
);

Given("I have a file {string} with content: {string}", async function (filePath, content) {
  await this.generateFileWithContent(content, filePath);
});

Then("The app {string} should have records as below:", function (appKey, table) {
  const fields = table.raw()[0];
  exportRecords(this, appKey, ` --fields ${fields.join(",")}`);
  const records = this.replacePlaceholdersInRawDataTables(table.raw());
  records.shift();
  records.forEach((record) => {
    const csvRow = generateCsvRow(record);
    assert.match(this.response.stdout.toString(), new RegExp(`${csvRow}`));
  });
});

Then("The app {string} with table field should have records as below:", function (appKey, table) {
  const allFields = table.raw()[0];
  const regex = /^[a-zA-Z0-9_]+$/;
  const filteredFields = allFields.filter((field) => regex.test(field));
  exportRecords(this, appKey, ` --fields ${filteredFields.join(",")}`);
  const records = table.raw();
  records.shift();
  records.forEach((record) => {
    const csvRow = generateCsvRow(record);
    assert.match(this.response.stdout.toString(), new RegExp(`${csvRow}`));
  });
});

Then("The app {string} should have attachments as below:", function (appKey, table) {
  const columns = table.raw()[0];
  ["RecordIndex", "AttachmentFieldCode", "File", "Content"].forEach((requiredColumn) => {
    if (!columns.includes(requiredColumn)) {
      throw new Error(`The table should have ${requiredColumn} column.`);
    }
  });
  const attachmentDir = "attachments";
  exportRecords(this, appKey, ` --attachments-dir ${this.workingDir}/${attachmentDir}`);
  const records = table.hashes();
  const recordNumbers = this.getRecordNumbersByAppKey(appKey);
  for (const record of records) {
    const recordNumber = recordNumbers[record.RecordIndex];
    const actualFilePath = `${this.workingDir}/${attachmentDir}/${record.AttachmentFieldCode}-${recordNumber}/${record.File}`;
    assert.ok(fs.existsSync(actualFilePath), `The file "${actualFilePath}" is not found`);
    const actualContent = fs.readFileSync(actualFilePath, "utf8");
    assert.equal(
      actualContent,
      record.Content,
      `The content of the file "${actualFilePath}" does not matched.`,
    );
  }
});

Then("The app {string} should have no attachments", function (appKey) {
  const attachmentDir = fs.mkdtempSync(path.join(this.workingDir, "no-attachments-"));
  exportRecords(this, appKey, ` --attachments-dir ${attachmentDir}`);
  assert.equal(
    fs.readdirSync(attachmentDir, { recursive: true }).length,
    0,
    `The directory ${attachmentDir} should be empty`,
  );
});
