package io.kintonemigrator.emulator.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.kintonemigrator.emulator.file.Blob;

import org.jspecify.annotations.Nullable;

/**
 * kintone's temporary storage: uploaded files by upload key. A key expires
 * {@code lifetime} after the upload (kintone: 3 days) and is consumed when attached; both
 * make it unusable. Thread-safe.
 */
final class UploadRegistry {

	private final Map<String, UploadedFile> live = new ConcurrentHashMap<>();

	private final Set<String> consumed = ConcurrentHashMap.newKeySet();

	private final Clock clock;

	private final Duration lifetime;

	UploadRegistry(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.lifetime = lifetime;
	}

	String register(Blob blob, String name, String contentType) {
		String key = UUID.randomUUID().toString();
		this.live.put(key, new UploadedFile(key, name, contentType, blob, this.clock.instant()));
		return key;
	}

	/** The upload behind a key that is neither expired nor consumed, else null. */
	@Nullable UploadedFile live(String key) {
		UploadedFile upload = this.live.get(key);
		if (upload == null) {
			return null;
		}
		if (isExpired(upload)) {
			if (this.live.remove(key, upload)) {
				upload.blob().discard();
			}
			return null;
		}
		return upload;
	}

	boolean isConsumed(String key) {
		return this.consumed.contains(key);
	}

	/** Marks the key used; its blob now belongs to a record. */
	void consume(String key) {
		this.live.remove(key);
		this.consumed.add(key);
	}

	/** Deletes every expired upload. */
	void purgeExpired() {
		this.live.values().removeIf((upload) -> {
			boolean expired = isExpired(upload);
			if (expired) {
				upload.blob().discard();
			}
			return expired;
		});
	}

	private boolean isExpired(UploadedFile upload) {
		Instant expiry = upload.uploadedAt().plus(this.lifetime);
		return !this.clock.instant().isBefore(expiry);
	}

}
