// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone), features/utils/credentials.ts
// at commit 328acc7cdcb2866f0ee48700716632b55550134f. MIT License, Copyright (c) Cybozu, Inc.: see
// ../../LICENSE-cli-kintone. Adapted: CommonJS; credentials come only from the .e2e-credentials.json that
// run.sh writes from the emulator's seed (upstream may also read them from a kintone app, checked by a JSON
// schema).
"use strict";

const fs = require("fs");
const path = require("path");

const TOKEN_PERMISSIONS = ["view", "add", "edit", "delete"];

const e2eCredentialFilePath = path.join(__dirname, "..", "..", ".e2e-credentials.json");

const loadCredentials = () => {
  if (!fs.existsSync(e2eCredentialFilePath)) {
    throw new Error(`${e2eCredentialFilePath} is missing; run.sh writes it from the seed`);
  }
  const credentials = JSON.parse(fs.readFileSync(e2eCredentialFilePath, "utf-8"));
  if (!Array.isArray(credentials.apps) || !Array.isArray(credentials.users)) {
    throw new Error("Invalid JSON structure: .e2e-credentials.json needs apps and users");
  }
  return credentials;
};

const getAppCredentialByAppKey = (appCredentials, appKey) =>
  appCredentials.find((c) => c.key === appKey);

const samePermissions = (granted, permissions) => {
  if (permissions.length === 0 && granted.length === 0) {
    return true;
  }
  if (granted.length !== permissions.length) {
    return false;
  }
  return permissions.every((value) => granted.includes(value));
};

const getAPITokenByAppAndPermissions = (appCredentials, appKey, permissions) => {
  const appCredential = getAppCredentialByAppKey(appCredentials, appKey);
  if (!appCredential) {
    return undefined;
  }
  return appCredential.apiTokens.find((row) => samePermissions(row.permissions, permissions));
};

const getUserCredentialByUserKey = (userCredentials, userKey) =>
  userCredentials.find((c) => c.key === userKey);

const getUserCredentialByAppAndUserPermissions = (credentials, appKey, permissions) => {
  const appCredential = getAppCredentialByAppKey(credentials.apps, appKey);
  if (!appCredential) {
    return undefined;
  }
  const userPermission = appCredential.userPermissions.find((row) =>
    samePermissions(row.permissions, permissions),
  );
  if (!userPermission) {
    return undefined;
  }
  return getUserCredentialByUserKey(credentials.users, userPermission.userKey);
};

module.exports = {
  TOKEN_PERMISSIONS,
  loadCredentials,
  getAppCredentialByAppKey,
  getAPITokenByAppAndPermissions,
  getUserCredentialByUserKey,
  getUserCredentialByAppAndUserPermissions,
};
