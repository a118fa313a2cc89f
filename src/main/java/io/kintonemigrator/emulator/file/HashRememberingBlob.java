package io.kintonemigrator.emulator.file;

import org.jspecify.annotations.Nullable;

/**
 * A blob whose SHA-256 is computed by streaming its content once, on first request, and
 * then remembered. Content must not change after construction.
 */
abstract class HashRememberingBlob implements Blob {

	private volatile @Nullable String sha256;

	@Override
	public final String sha256() {
		String hash = this.sha256;
		if (hash == null) {
			hash = Sha256.of(this);
			this.sha256 = hash;
		}
		return hash;
	}

}
