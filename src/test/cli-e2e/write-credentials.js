// Writes the .e2e-credentials.json of the kintone CLI's e2e suite (format: cli-kintone's
// features/utils/credentials.ts) for the emulator seeded with the given seed file: one app per seeded app,
// keyed by its name, with its API tokens and their exact permissions. Users of the emulator may use every
// app with every permission, so each seeded user is listed with all four permissions (scenarios that need a
// user with fewer permissions find none and do not run). A "draft" token (generated on kintone's settings
// page but never saved, so kintone does not know it) is one the emulator was not seeded with.
// Usage: node write-credentials.js SEED > FILE
"use strict";

const fs = require("fs");
const YAML = require("yaml");

const ALL_PERMISSIONS = ["view", "add", "edit", "delete"];

const DRAFT_TOKENS = {
  app_for_draft_token: [
    { token: "draft-add", permissions: ["add"] },
    { token: "draft-view", permissions: ["view"] },
    { token: "draft-view-delete", permissions: ["view", "delete"] },
  ],
};

const seed = YAML.parse(fs.readFileSync(process.argv[2], "utf8"));
const users = (seed.users ?? []).map((user) => ({
  key: user.login,
  username: user.login,
  password: user.password,
}));
const apps = (seed.apps ?? []).map((app) => ({
  key: app.name,
  appId: String(app.id),
  guestSpaceId: app.guestSpace === undefined ? "" : String(app.guestSpace),
  apiTokens: (app.apiTokens ?? [])
    .map((token) => ({ token: token.token, permissions: token.permissions ?? ALL_PERMISSIONS }))
    .concat(DRAFT_TOKENS[app.name] ?? []),
  userPermissions: users.map((user) => ({ userKey: user.key, permissions: ALL_PERMISSIONS })),
}));
process.stdout.write(`${JSON.stringify({ apps, users }, null, 2)}\n`);
