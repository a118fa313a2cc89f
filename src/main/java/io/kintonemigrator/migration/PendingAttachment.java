package io.kintonemigrator.migration;

import java.time.Instant;

import io.kintonemigrator.kintone.FileKey;

import org.jspecify.annotations.Nullable;

/**
 * A source attachment ready to be attached: the upload key to send, when it was uploaded,
 * and the SHA-256 of its bytes (null when an upload key from an earlier run is reused
 * without its hash).
 */
record PendingAttachment(SourceAttachment attachment, FileKey uploadKey, Instant uploadedAt, @Nullable String sha256) {
}
