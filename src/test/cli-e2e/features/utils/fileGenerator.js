// Ported from kintone/cli-kintone (https://github.com/kintone/cli-kintone), features/utils/fileGenerator.ts
// at commit 3bb20b97f74ee9de33ac828b9703da0c535e4925. MIT License, Copyright (c) Cybozu, Inc.: see
// ../../LICENSE-cli-kintone. Adapted: CommonJS; only the txt and png contents the ported scenarios use.
"use strict";

const fs = require("fs/promises");
const path = require("path");

const BASE64_FILE_CONTENTS = {
  txt: "VGhpcyBpcyBhIHRlc3QgZmlsZQ==",
  png: "iVBORw0KGgoAAAANSUhEUgAAABQAAAAUCAYAAACNiR0NAAAAKElEQVQ4jWNgYGD4Twzu6FhFFGYYNXDUwGFpIAk2E4dHDRw1cDgaCAASFOffhEIO3gAAAABJRU5ErkJggg==",
};

/** Writes a small file of the path's type (txt, png) under baseDir; returns its path. */
const generateFile = async (filePath, options) => {
  const fileExtension = path.extname(filePath).replace(".", "");
  if (fileExtension.length === 0) {
    throw new Error(`Invalid file path "${filePath}".`);
  }
  if (!Object.keys(BASE64_FILE_CONTENTS).includes(fileExtension)) {
    throw new Error(`File extension "${fileExtension}" is not supported.`);
  }
  const fileContent = Buffer.from(BASE64_FILE_CONTENTS[fileExtension], "base64");
  const actualFilePath = options.baseDir ? path.join(options.baseDir, filePath) : filePath;
  await fs.mkdir(path.dirname(actualFilePath), { recursive: true });
  await fs.writeFile(actualFilePath, fileContent);
  return actualFilePath;
};

module.exports = { generateFile };
