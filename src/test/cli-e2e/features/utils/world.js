// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone), features/utils/world.ts
// at commit 0c2940a0e3384f3b7d9ec7c7996ab7750e7f036e. MIT License, Copyright (c) Cybozu, Inc.: see
// ../../LICENSE-cli-kintone. Adapted: CommonJS; generateFile(filePath) and generateFileWithContent(content,
// filePath) as the later step definitions call them.
"use strict";

const cucumber = require("@cucumber/cucumber");
const {
  execCliKintoneSync,
  execCliKintone,
  generateCsvFile,
  generateFileWithContent,
  getRecordNumbers,
  replacePlaceholders,
} = require("./helper");
const { generateFile } = require("./fileGenerator");
const {
  getAppCredentialByAppKey,
  getAPITokenByAppAndPermissions,
  getUserCredentialByUserKey,
  getUserCredentialByAppAndUserPermissions,
} = require("./credentials");

class OurWorld extends cucumber.World {
  constructor(options) {
    super(options);
    this.env = {};
    this.replacements = {};
    this._workingDir = undefined;
    this._credentials = undefined;
    this._response = undefined;
    this._childProcess = undefined;
  }

  get childProcess() {
    if (this._childProcess === undefined) {
      throw new Error("No child process found. Please run the command first.");
    }
    return this._childProcess;
  }

  set childProcess(value) {
    this._childProcess = value;
  }

  get response() {
    if (this._response === undefined) {
      throw new Error("No response found. Please run cli-kintone first.");
    }
    return this._response;
  }

  set response(value) {
    this._response = value;
  }

  get credentials() {
    if (this._credentials === undefined) {
      throw new Error("No credentials found. Please init credentials first.");
    }
    return this._credentials;
  }

  get workingDir() {
    if (this._workingDir === undefined) {
      throw new Error("No working dir found. Please init working dir first.");
    }
    return this._workingDir;
  }

  set workingDir(value) {
    this._workingDir = value;
  }

  init(options) {
    if (options.workingDir && options.workingDir.length > 0) {
      this.workingDir = options.workingDir;
    }
    if (options.credentials) {
      this._credentials = options.credentials;
    }
  }

  execCliKintoneSync(args) {
    this.response = execCliKintoneSync(replacePlaceholders(args, this.replacements), {
      env: this.env,
      cwd: this.workingDir,
    });
  }

  execCliKintone(args) {
    this._response = undefined;
    this.childProcess = execCliKintone(replacePlaceholders(args, this.replacements), {
      env: this.env,
      cwd: this.workingDir,
    });
    let stdout;
    let stderr;
    this.childProcess.stdout.on("data", (data) => {
      stdout = data;
    });
    this.childProcess.stderr.on("data", (data) => {
      stderr = data;
    });
    this.childProcess.on("close", (code) => {
      this.response = {
        stdout: stdout ?? Buffer.from(""),
        stderr: stderr ?? Buffer.from(""),
        status: code,
      };
    });
    this.childProcess.on("error", (err) => {
      throw new Error(`Error: ${err.message}`);
    });
  }

  async generateCsvFile(inputCsvObject, options) {
    const csvContent = inputCsvObject
      .map((row) => row.map((field) => `"${field}"`).join(","))
      .join("\n");
    return generateCsvFile(csvContent, {
      baseDir: this.workingDir,
      destFilePath: options?.filePath,
      encoding: options?.encoding,
    });
  }

  async generateFile(filePath) {
    return generateFile(filePath, { baseDir: this.workingDir });
  }

  async generateFileWithContent(content, filePath) {
    return generateFileWithContent(content, filePath, { baseDir: this.workingDir });
  }

  getAppCredentialByAppKey(appKey) {
    const appCredential = getAppCredentialByAppKey(this.credentials.apps, appKey);
    if (appCredential === undefined) {
      throw new Error(`The credential with app key ${appKey} is not found`);
    }
    if (appCredential.appId.length === 0) {
      throw new Error(`The credential with app key ${appKey} has no App ID`);
    }
    return appCredential;
  }

  getAPITokenByAppAndPermissions(appKey, permissions) {
    const apiToken = getAPITokenByAppAndPermissions(this.credentials.apps, appKey, permissions);
    if (!apiToken) {
      throw new Error(`The token with exact permissions (${permissions.join(", ")}) is not found.`);
    }
    return apiToken.token;
  }

  getUserCredentialByUserKey(userKey) {
    const userCredential = getUserCredentialByUserKey(this.credentials.users, userKey);
    if (userCredential === undefined) {
      throw new Error(`The user credential with user key ${userKey} is not found`);
    }
    return userCredential;
  }

  getUserCredentialByAppAndUserPermissions(appKey, permissions) {
    const userCredential = getUserCredentialByAppAndUserPermissions(
      this.credentials,
      appKey,
      permissions,
    );
    if (userCredential === undefined) {
      throw new Error(
        `The user credential with app key ${appKey} and exact permissions (${permissions.join(", ")}) is not found`,
      );
    }
    return userCredential;
  }

  getRecordNumbersByAppKey(appKey, fieldCode) {
    const credential = this.getAppCredentialByAppKey(appKey);
    const apiToken = this.getAPITokenByAppAndPermissions(appKey, ["view"]);
    return getRecordNumbers(credential.appId, apiToken, {
      fieldCode,
      guestSpaceId: credential.guestSpaceId,
    });
  }

  replacePlaceholdersInRawDataTables(table) {
    if (Object.keys(this.replacements).length === 0) {
      return table;
    }
    return table.map((row) => row.map((cell) => replacePlaceholders(cell, this.replacements)));
  }

  replacePlaceholdersInHashesDataTables(table) {
    if (Object.keys(this.replacements).length === 0) {
      return table;
    }
    return table.map((row) => {
      const newRow = {};
      Object.keys(row).forEach((key) => {
        newRow[key] = replacePlaceholders(row[key], this.replacements);
      });
      return newRow;
    });
  }
}

cucumber.setWorldConstructor(OurWorld);

module.exports = {
  OurWorld,
  Given: cucumber.Given,
  When: cucumber.When,
  Then: cucumber.Then,
  Before: cucumber.Before,
  After: cucumber.After,
};
