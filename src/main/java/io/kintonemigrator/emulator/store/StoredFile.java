package io.kintonemigrator.emulator.store;

import io.kintonemigrator.emulator.file.Blob;

/**
 * A file attached to a record, reachable through its download {@code fileKey} (a
 * record-style key, never an upload key). Immutable; the content is streamed from
 * {@link #blob()}.
 */
public record StoredFile(String fileKey, String name, String contentType, Blob blob) {

	/** Size in bytes. */
	public long size() {
		return this.blob.size();
	}

	/**
	 * Lower-case hex SHA-256 of the content (computed by streaming once, then
	 * remembered).
	 */
	public String sha256() {
		return this.blob.sha256();
	}

}
