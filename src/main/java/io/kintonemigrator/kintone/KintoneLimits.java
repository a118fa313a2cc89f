package io.kintonemigrator.kintone;

/**
 * kintone's fixed limits that shape our requests, written once (see
 * {@code kintone-api.md}): every caller names these instead of a bare literal.
 */
public final class KintoneLimits {

	/** Records one {@code GET records.json} returns at most ({@code limit 500}). */
	public static final int RECORDS_PER_READ = 500;

	/** Records one {@code PUT records.json} updates at most. */
	public static final int RECORDS_PER_UPDATE = 100;

	/** Requests one {@code bulkRequest.json} carries at most. */
	public static final int REQUESTS_PER_BULK = 20;

	/** Concurrent requests kintone allows per domain, shared with all its clients. */
	public static final int CONCURRENT_REQUESTS_PER_DOMAIN = 100;

	private KintoneLimits() {
	}

}
