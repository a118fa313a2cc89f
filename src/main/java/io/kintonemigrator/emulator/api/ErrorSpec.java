package io.kintonemigrator.emulator.api;

/**
 * One kind of kintone error response: code, HTTP status and message ({@code %s}
 * placeholders).
 *
 * @param legacy520 whether kintone historically answered this error with HTTP 520 instead
 * of {@code status}
 */
public record ErrorSpec(String code, int status, LocalizedText message, boolean legacy520) {

	public ErrorSpec(String code, int status, String ja, String en) {
		this(code, status, new LocalizedText(ja, en), false);
	}

	/**
	 * The same error with another HTTP status (for behaviour kintone-api.md marks
	 * UNCONFIRMED).
	 */
	public ErrorSpec withStatus(int newStatus) {
		return new ErrorSpec(this.code, newStatus, this.message, this.legacy520);
	}

}
