// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone),
// features/step_definitions/record/delete.ts at commit 3bb20b97f74ee9de33ac828b9703da0c535e4925.
// MIT License, Copyright (c) Cybozu, Inc.: see ../../../LICENSE-cli-kintone. Adapted: CommonJS.
"use strict";

const assert = require("assert");
const { Then } = require("../../utils/world");

Then("The app {string} should have no records", function (appKey) {
  const recordNumbers = this.getRecordNumbersByAppKey(appKey);
  assert.equal(recordNumbers.length, 0, "The app is not empty");
});

Then(
  "The app {string} with the record number field code {string} should have {int} records",
  function (appKey, fieldCode, numberOfRecords) {
    const recordNumbers = this.getRecordNumbersByAppKey(appKey, fieldCode);
    assert.equal(recordNumbers.length, numberOfRecords);
  },
);
