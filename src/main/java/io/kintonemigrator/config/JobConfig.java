package io.kintonemigrator.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.kintonemigrator.kintone.KintoneConnection;

import org.jspecify.annotations.Nullable;

/**
 * One migration as described by a job file (ARCHITECTURE.md §2), validated and immutable.
 * Built only by {@link JobConfigLoader}. Credentials live in the two
 * {@link KintoneConnection}s as {@link io.kintonemigrator.kintone.Secret}s;
 * {@link #toString()} never shows them.
 *
 * @param name the job's identity: the same name resumes the same job
 * @param query optional kintone condition on source records
 * @param skipLimit how many source records may be skipped for permanent errors before the
 * job fails
 * @param partitions how many {@code $id} ranges the source records are split into when
 * the job runs with others or alone in parallel (1: one range, the whole app)
 * @param dependsOn the name of another job of the same run that must complete before this
 * one starts; null when none
 */
public record JobConfig(String name, KintoneConnection source, KintoneConnection target, Match match,
		List<FileMapping> files, @Nullable String query, OnExisting onExisting, OnMissingTarget onMissingTarget,
		Limits limits, int skipLimit, int partitions, @Nullable String dependsOn) {

	/** The most {@code partitions} a job file may ask for. */
	public static final int MAX_PARTITIONS = 64;

	public JobConfig {
		files = List.copyOf(files);
	}

	/** A job of one range that depends on no other. */
	public JobConfig(String name, KintoneConnection source, KintoneConnection target, Match match,
			List<FileMapping> files, @Nullable String query, OnExisting onExisting, OnMissingTarget onMissingTarget,
			Limits limits, int skipLimit) {
		this(name, source, target, match, files, query, onExisting, onMissingTarget, limits, skipLimit, 1, null);
	}

	/** How a source record finds its target record: field codes, or {@code $id}. */
	public record Match(String source, String target) {

		public static final String RECORD_ID = "$id";

		public boolean targetIsRecordId() {
			return RECORD_ID.equals(target);
		}

		public boolean sourceIsRecordId() {
			return RECORD_ID.equals(source);
		}

	}

	/** A FILE field, top level ({@code table} null) or inside a SUBTABLE. */
	public record FieldPath(@Nullable String table, String field) {

		public static FieldPath parse(String path) {
			int dot = path.indexOf('.');
			return dot < 0 ? new FieldPath(null, path) : new FieldPath(path.substring(0, dot), path.substring(dot + 1));
		}

		public boolean inSubtable() {
			return table != null;
		}

		@Override
		public String toString() {
			return table == null ? field : table + "." + field;
		}

	}

	/**
	 * One FILE field mapping. Both sides are top level, or both inside a SUBTABLE. With a
	 * row key (subtable mappings only) a source row goes to the target row whose
	 * {@code targetRowKey} column holds the value of the source row's {@code rowKey}
	 * column; without one rows are paired by position.
	 *
	 * @param rowKey the source table's key column ({@code rowKey: item_no}, or
	 * {@code from} of {@code rowKey: {from: item_no, to: line_no}}); null without a key
	 * @param targetRowKey the target table's key column: the same code in the plain form,
	 * {@code to} otherwise; null exactly when {@code rowKey} is
	 */
	public record FileMapping(FieldPath from, FieldPath to, @Nullable String rowKey, @Nullable String targetRowKey) {

		public FileMapping {
			if ((rowKey == null) != (targetRowKey == null)) {
				throw new IllegalArgumentException("a row key needs both columns, or neither");
			}
		}

		/** The plain form: the same key column code in both tables (or none). */
		public FileMapping(FieldPath from, FieldPath to, @Nullable String rowKey) {
			this(from, to, rowKey, rowKey);
		}

		public boolean inSubtable() {
			return from.inSubtable();
		}

		/**
		 * As a record would print it, the key as {@code rowKey=item_no} in the plain form
		 * and {@code rowKey=item_no->line_no} otherwise: a job file's fingerprint is made
		 * of this text, so jobs written before keys could differ keep theirs.
		 */
		@Override
		public String toString() {
			String key = rowKey == null || rowKey.equals(targetRowKey) ? String.valueOf(rowKey)
					: rowKey + "->" + targetRowKey;
			return "FileMapping[from=" + from + ", to=" + to + ", rowKey=" + key + "]";
		}

	}

	/** What to do with files already in a target field. */
	public enum OnExisting {

		/** The target field ends up holding exactly the source's files. */
		REPLACE,
		/** The source's files are added after the files already there. */
		APPEND,
		/**
		 * A target field that already holds files is left alone (its attachments are
		 * reported SKIPPED).
		 */
		SKIP

	}

	/** What to do with a source record whose target record does not exist. */
	public enum OnMissingTarget {

		/** Skip the record and report it. */
		SKIP,
		/** Fail the job. */
		FAIL

	}

	/**
	 * Limits towards kintone. {@code concurrency} and {@code requestsPerSecond} apply per
	 * domain; {@code dailyRequestBudget} per app (0: none); {@code chunkSize} source
	 * records per chunk (1..100, one bulk update each); {@code domainHeadroom} of the
	 * domain's 100 concurrent requests are left free for its other clients (our
	 * concurrency adapts, between 2 and {@code concurrency}, to what they leave).
	 */
	public record Limits(int concurrency, double requestsPerSecond, long dailyRequestBudget, int chunkSize,
			int domainHeadroom) {

		/**
		 * The headroom unless set: a fifth of kintone's 100 concurrent requests per
		 * domain.
		 */
		public static final int DEFAULT_DOMAIN_HEADROOM = 20;

		/** Limits with the default {@code domainHeadroom}. */
		public Limits(int concurrency, double requestsPerSecond, long dailyRequestBudget, int chunkSize) {
			this(concurrency, requestsPerSecond, dailyRequestBudget, chunkSize, DEFAULT_DOMAIN_HEADROOM);
		}

		public static Limits defaults() {
			return new Limits(4, 10, 0, 100);
		}

	}

	/**
	 * A short hash of everything that decides what the migration does (apps, match,
	 * mappings, query, onExisting), but not of limits or credentials. Two runs with the
	 * same name and fingerprint are the same job instance.
	 */
	public String fingerprint() {
		String canonical = String.join("\n", endpoint(source), endpoint(target), match.source(), match.target(),
				files.toString(), String.valueOf(query), onExisting.name());
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	private static String endpoint(KintoneConnection connection) {
		return connection.baseUrl() + "|" + connection.app() + "|" + connection.guestSpaceId();
	}

}
