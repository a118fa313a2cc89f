package io.kintonemigrator.transfer;

import java.time.Instant;

import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;

/**
 * A source attachment now uploaded to the target domain: its new upload key (attachable
 * once, expires 3 days after {@code uploadedAt}), and the size and SHA-256 of the bytes
 * that moved.
 */
public record TransferredFile(FileInfo source, FileKey uploadKey, long size, String sha256, Instant uploadedAt) {
}
