package io.kintonemigrator.emulator.store;

import java.time.Instant;

import io.kintonemigrator.emulator.file.Blob;

/**
 * A file in temporary storage, known by its upload key until it is attached or expires.
 */
public record UploadedFile(String uploadKey, String name, String contentType, Blob blob, Instant uploadedAt) {
}
