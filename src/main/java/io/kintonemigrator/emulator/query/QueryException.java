package io.kintonemigrator.emulator.query;

import java.io.Serial;
import java.util.List;
import java.util.Map;

/**
 * A query kintone would reject, with kintone's error code, its HTTP status (always 400),
 * the message in Japanese and English, and, for validation errors ({@code CB_VA01}), the
 * per-parameter messages that go into the response's {@code errors} object (e.g.
 * {@code "query" → ["クエリ記法が間違っています。"]}). Immutable.
 */
public final class QueryException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String code;

	private final String messageJa;

	private final String messageEn;

	private final Map<String, List<String>> errorsJa;

	private final Map<String, List<String>> errorsEn;

	QueryException(String code, String messageJa, String messageEn, Map<String, List<String>> errorsJa,
			Map<String, List<String>> errorsEn) {
		super(code + ": " + messageEn);
		this.code = code;
		this.messageJa = messageJa;
		this.messageEn = messageEn;
		this.errorsJa = Map.copyOf(errorsJa);
		this.errorsEn = Map.copyOf(errorsEn);
	}

	QueryException(String code, String messageJa, String messageEn) {
		this(code, messageJa, messageEn, Map.of(), Map.of());
	}

	/** kintone's error code, e.g. {@code GAIA_IQ11} or {@code CB_VA01}. */
	public String code() {
		return this.code;
	}

	/** The HTTP status kintone answers with: 400 for every query error. */
	public int status() {
		return 400;
	}

	/** The message for Japanese users (kintone's default language). */
	public String messageJa() {
		return this.messageJa;
	}

	/** The message for English users. */
	public String messageEn() {
		return this.messageEn;
	}

	/**
	 * The {@code errors} object of the response in Japanese: parameter name → messages;
	 * empty unless CB_VA01.
	 */
	public Map<String, List<String>> errors() {
		return this.errorsJa;
	}

	/** The same as {@link #errors()} in English. */
	public Map<String, List<String>> errorsEn() {
		return this.errorsEn;
	}

}
