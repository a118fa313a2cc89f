package io.kintonemigrator.emulator.http;

/**
 * Request attributes through which the servlet tells the filters what it found, so the
 * outermost filter can log and count the request. Filters added later (fault injection)
 * may set {@link #KINTONE_CODE} too.
 */
public final class RequestAttributes {

	/** {@code String}: the kintone API path, e.g. {@code records}. */
	public static final String API = "kintone.emulator.api";

	/** {@code Long}: the app the request named. */
	public static final String APP = "kintone.emulator.app";

	/** {@code String}: the method after {@code X-HTTP-Method-Override}. */
	public static final String EFFECTIVE_METHOD = "kintone.emulator.effectiveMethod";

	/** {@code String}: the {@code code} of the kintone error sent, if any. */
	public static final String KINTONE_CODE = "kintone.emulator.code";

	/**
	 * {@code String}: the label of the fault injected into this request, if any (e.g.
	 * {@code stall}).
	 */
	public static final String INJECTED_FAULT = "kintone.emulator.injectedFault";

	/** {@code Integer}: requests in flight when this one arrived, this one included. */
	public static final String RUNNING = "kintone.emulator.running";

	private RequestAttributes() {
	}

}
