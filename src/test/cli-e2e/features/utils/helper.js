// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone), features/utils/helper.ts
// at commit f9b5c80c84cca1337b7c0f8872fd0605c4f77a68, and generateCsvRow, validateRequireColumnsInTable and
// compareBuffers as features/utils/__tests__/helper.test.ts at 3bb20b97f74ee9de33ac828b9703da0c535e4925
// specifies them. MIT License, Copyright (c) Cybozu, Inc.: see ../../LICENSE-cli-kintone.
// Adapted: plain CommonJS instead of TypeScript; cli-kintone runs as the npm package @kintone/cli under this
// Node.js (upstream runs a packaged binary from bin/).
"use strict";

const { spawn, spawnSync } = require("child_process");
const path = require("path");
const fs = require("fs/promises");
const iconv = require("iconv-lite");

const SUPPORTED_ENCODING = ["utf8", "sjis"];

const CLI_KINTONE = require.resolve("@kintone/cli/cli.js");

/** Runs cli-kintone with the given arguments; only `env` reaches it (no KINTONE_* from the caller). */
const execCliKintoneSync = (args, options) => {
  const response = spawnSync(process.execPath, [CLI_KINTONE, ...parseArgs(args, options?.env)], {
    env: options?.env ?? {},
    cwd: options?.cwd ?? process.cwd(),
  });
  if (response.error) {
    throw response.error;
  }
  return response;
};

/** Starts cli-kintone with stdin, stdout and stderr piped (for the confirmation prompt scenarios). */
const execCliKintone = (args, options) =>
  spawn(process.execPath, [CLI_KINTONE, ...parseArgs(args, options?.env)], {
    stdio: ["pipe", "pipe", "pipe"],
    env: options?.env ?? {},
    cwd: options?.cwd ?? process.cwd(),
  });

const parseArgs = (args, envVars) => {
  const replacedArgs = replaceTokenWithEnvVars(args, envVars).match(/(?:[^\s'"]+|"[^"]*"|'[^']*')+/g);
  if (!replacedArgs) {
    throw new Error("Failed to parse command arguments.");
  }
  return replacedArgs.map((arg) => arg.replace(/^['"]|['"]$/g, ""));
};

const replaceTokenWithEnvVars = (input, envVars) =>
  input
    .replace(/\$\$[a-zA-Z0-9_]+/g, processEnvReplacer)
    .replace(/\$[a-zA-Z0-9_]+/g, inputEnvReplacer(envVars));

const processEnvReplacer = (substring) => {
  const key = substring.replace("$$", "");
  const value = process.env[key];
  if (value === undefined) {
    throw new Error(`The env variable in process.env is missing: ${key}`);
  }
  return value;
};

const inputEnvReplacer = (envVars) => (substring) => {
  if (!envVars) {
    return substring;
  }
  const key = substring.replace("$", "");
  const value = envVars[key];
  if (value === undefined) {
    throw new Error(`The env variable in input parameter is missing: ${key}`);
  }
  return value;
};

const writeFile = async (content, filePath, options) => {
  if (options && options.encoding) {
    return fs.writeFile(filePath, iconv.encode(content, options.encoding));
  }
  return fs.writeFile(filePath, content);
};

const generateCsvFile = async (csvContent, options) => {
  let filePath = options.destFilePath;
  if (filePath) {
    filePath = options.baseDir ? path.join(options.baseDir, filePath) : filePath;
    await fs.mkdir(path.dirname(filePath), { recursive: true });
  } else {
    const prefix = "cli-kintone-csv-file-";
    const tempDir = await fs.mkdtemp(
      options.baseDir ? path.join(options.baseDir, prefix) : prefix,
    );
    filePath = path.join(tempDir, "records.csv");
  }
  await writeFile(csvContent, filePath, { encoding: options.encoding });
  return filePath;
};

const generateFileWithContent = async (content, filePath, options) => {
  const actualFilePath = options.baseDir ? path.join(options.baseDir, filePath) : filePath;
  await fs.mkdir(path.dirname(actualFilePath), { recursive: true });
  await writeFile(content, actualFilePath, { encoding: options.encoding });
  return actualFilePath;
};

const getRecordNumbers = (appId, apiToken, options = {}) => {
  const recordNumberFieldCode = options.fieldCode ?? "Record_number";
  let command = `record export --app ${appId} --base-url $$TEST_KINTONE_BASE_URL --api-token ${apiToken} --fields ${recordNumberFieldCode}`;
  if (options.guestSpaceId && options.guestSpaceId.length > 0) {
    command += ` --guest-space-id ${options.guestSpaceId}`;
  }
  const response = execCliKintoneSync(command);
  if (response.status !== 0) {
    throw new Error(`Getting records failed. Error: \n${response.stderr}`);
  }
  const regex = /([a-zA-Z]+\d*)-(\d+)/g;
  const recordNumbers = response.stdout
    .toString()
    .replace(regex, (match, appCode, number) => number)
    .replace(/"/g, "")
    .split("\n");
  recordNumbers.shift();
  return recordNumbers.filter((recordNumber) => recordNumber.length > 0);
};

const replacePlaceholders = (str, replacements) =>
  str.replace(/\$([a-zA-Z0-9_]*)(?:\[(\d+)])?/g, (match, placeholder, index) => {
    if (replacements[placeholder] === undefined) {
      return match;
    }
    const replacementValue = replacements[placeholder];
    if (Array.isArray(replacementValue) && index && replacementValue[index] !== undefined) {
      return replacementValue[index].toString();
    }
    return replacementValue.toString();
  });

/** A data-table row as a pattern of cli-kintone's CSV output: "a","b", empty cells bare, `*` escaped. */
const generateCsvRow = (fields) =>
  fields
    .map((field) => {
      if (field === "*") {
        return "\\*";
      }
      return field ? `"${field}"` : "";
    })
    .join(",");

const validateRequireColumnsInTable = (columns, requiredColumns) => {
  requiredColumns.forEach((requiredColumn) => {
    if (!columns.includes(requiredColumn)) {
      throw new Error(`The table should have ${requiredColumn} column`);
    }
  });
};

const compareBuffers = (buffer1, buffer2) => Buffer.compare(buffer1, buffer2) === 0;

module.exports = {
  SUPPORTED_ENCODING,
  execCliKintoneSync,
  execCliKintone,
  generateCsvFile,
  generateFileWithContent,
  getRecordNumbers,
  replacePlaceholders,
  generateCsvRow,
  validateRequireColumnsInTable,
  compareBuffers,
};
