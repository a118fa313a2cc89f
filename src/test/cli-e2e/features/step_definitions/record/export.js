// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone),
// features/step_definitions/record/export.ts at commit 3bb20b97f74ee9de33ac828b9703da0c535e4925.
// MIT License, Copyright (c) Cybozu, Inc.: see ../../../LICENSE-cli-kintone. Adapted: CommonJS.
"use strict";

const assert = require("assert");
const fs = require("fs");
const path = require("path");
const iconv = require("iconv-lite");
const { Given, Then } = require("../../utils/world");
const {
  compareBuffers,
  generateCsvRow,
  validateRequireColumnsInTable,
} = require("../../utils/helper");

Given("I have a directory {string}", function (directory) {
  fs.mkdirSync(path.join(this.workingDir, directory));
});

Then("The directory {string} should contain files as below:", function (attachmentDir, table) {
  validateRequireColumnsInTable(table.raw()[0], ["FilePath", "FileName"]);
  const records = this.replacePlaceholdersInHashesDataTables(table.hashes());
  for (const record of records) {
    const actualFilePath = `${this.workingDir}/${attachmentDir}/${record.FilePath}/${record.FileName}`;
    assert.ok(fs.existsSync(actualFilePath), `The file "${actualFilePath}" is not found`);
  }
});

Then(
  "The directory {string} should contain files with filename and content as below:",
  function (attachmentDir, table) {
    validateRequireColumnsInTable(table.raw()[0], ["FilePath", "FileName", "Content"]);
    const records = this.replacePlaceholdersInHashesDataTables(table.hashes());
    for (const record of records) {
      const actualFilePath = `${this.workingDir}/${attachmentDir}/${record.FilePath}/${record.FileName}`;
      assert.ok(fs.existsSync(actualFilePath), `The file "${actualFilePath}" is not found`);
      const actualContent = fs.readFileSync(actualFilePath, "utf8");
      assert.equal(
        actualContent,
        record.Content,
        `The content of the file "${actualFilePath}" does not matched.`,
      );
    }
  },
);

Then("The exported files should match as below:", function (table) {
  validateRequireColumnsInTable(table.raw()[0], ["Expected_FilePath", "Actual_FilePath"]);
  const records = this.replacePlaceholdersInHashesDataTables(table.hashes());
  for (const record of records) {
    const actualFilePath = path.join(this.workingDir, record.Actual_FilePath);
    const expectedFilePath = path.join(this.workingDir, record.Expected_FilePath);
    assert.ok(fs.existsSync(actualFilePath), `The file "${actualFilePath}" is not found.`);
    assert.ok(
      compareBuffers(fs.readFileSync(actualFilePath), fs.readFileSync(expectedFilePath)),
      `The content of the file "${record.Actual_FilePath}" does not matched.\n` +
        `Expected file path: ${expectedFilePath}\n` +
        `Actual file path: ${actualFilePath}`,
    );
  }
});

Then("The output message should match the data in the order as below:", async function (table) {
  const records = this.replacePlaceholdersInRawDataTables(table.raw());
  let matchStr = "";
  records.forEach((record) => {
    matchStr += `${generateCsvRow(record)}(.*)\n`;
  });
  assert.match(
    this.response.stdout.toString(),
    new RegExp(matchStr),
    `The output message does not match the data in the order.\nExpected: \n${JSON.stringify(
      records,
    )}\nActual: \n${this.response.stdout}`,
  );
});

Then("The output message with table field should match the data below:", async function (table) {
  const records = this.replacePlaceholdersInRawDataTables(table.raw());
  records.forEach((record) => {
    assert.match(this.response.stdout.toString(), new RegExp(`${generateCsvRow(record)}`));
  });
});

Then(
  "The output message with {string} encoded should match with the data below:",
  async function (encoding, table) {
    const decodedOutputMsg = iconv.decode(this.response.stdout, encoding);
    const records = this.replacePlaceholdersInRawDataTables(table.raw());
    records.forEach((record) => {
      assert.match(decodedOutputMsg, new RegExp(`${generateCsvRow(record)}`));
    });
  },
);
