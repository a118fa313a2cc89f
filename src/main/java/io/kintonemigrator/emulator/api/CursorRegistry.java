package io.kintonemigrator.emulator.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The domain's live cursors (kintone-api.md §3.4): at most {@code max}, each expiring
 * {@code lifetime} after creation or after the last read that left records. A cursor
 * fixes its result set (record ids in order) at creation. Thread-safe (one lock; cursor
 * operations are short).
 */
public final class CursorRegistry {

	private final Map<String, Cursor> cursors = new LinkedHashMap<>();

	private final Clock clock;

	private final int max;

	private final Duration lifetime;

	public CursorRegistry(Clock clock, int max, Duration lifetime) {
		this.clock = clock;
		this.max = max;
		this.lifetime = lifetime;
	}

	/**
	 * A new cursor, or {@code GAIA_TM12} when the domain already has {@code max} live
	 * ones.
	 */
	synchronized Cursor create(long appId, List<Long> recordIds, List<String> fields, int size) {
		purgeExpired();
		if (this.cursors.size() >= this.max) {
			throw new ApiException(KintoneErrors.TOO_MANY_CURSORS);
		}
		Cursor cursor = new Cursor(UUID.randomUUID().toString(), appId, List.copyOf(recordIds), List.copyOf(fields),
				size, this.clock.instant().plus(this.lifetime));
		this.cursors.put(cursor.id, cursor);
		return cursor;
	}

	/** A live cursor, or {@code GAIA_CN01}. */
	synchronized Cursor get(String id) {
		purgeExpired();
		Cursor cursor = this.cursors.get(id);
		if (cursor == null) {
			throw new ApiException(KintoneErrors.CURSOR_NOT_FOUND);
		}
		return cursor;
	}

	/**
	 * The next page of record ids; the cursor is deleted when nothing remains, else its
	 * lifetime starts again.
	 */
	synchronized Page next(Cursor cursor) {
		int from = cursor.position;
		int to = Math.min(from + cursor.size, cursor.recordIds.size());
		cursor.position = to;
		boolean more = to < cursor.recordIds.size();
		if (more) {
			cursor.expiresAt = this.clock.instant().plus(this.lifetime);
		}
		else {
			this.cursors.remove(cursor.id);
		}
		return new Page(new ArrayList<>(cursor.recordIds.subList(from, to)), more);
	}

	/** Deletes a live cursor, or {@code GAIA_CN01}. */
	synchronized void delete(String id) {
		get(id);
		this.cursors.remove(id);
	}

	/** Live cursors now. */
	public synchronized int size() {
		purgeExpired();
		return this.cursors.size();
	}

	private void purgeExpired() {
		Instant now = this.clock.instant();
		this.cursors.values().removeIf((cursor) -> !now.isBefore(cursor.expiresAt));
	}

	/** One cursor; mutable state guarded by the registry's lock. */
	static final class Cursor {

		final String id;

		final long appId;

		final List<Long> recordIds;

		final List<String> fields;

		final int size;

		int position;

		Instant expiresAt;

		Cursor(String id, long appId, List<Long> recordIds, List<String> fields, int size, Instant expiresAt) {
			this.id = id;
			this.appId = appId;
			this.recordIds = recordIds;
			this.fields = fields;
			this.size = size;
			this.expiresAt = expiresAt;
		}

	}

	record Page(List<Long> recordIds, boolean next) {
	}

}
