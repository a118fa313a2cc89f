package io.kintonemigrator.emulator.fault;

import java.util.Locale;

/** The transient failures the emulator can inject; at most one per request. */
public enum FaultKind {

	/**
	 * 429 {@code GAIA_TO04} with {@code X-Cybozu-Error} and the concurrency headers, as
	 * if the domain were busy.
	 */
	TOO_MANY_REQUESTS,
	/** A plain-text (non-JSON) 503, as during kintone's maintenance. */
	SERVICE_UNAVAILABLE,
	/** 400 {@code GAIA_DA02} (520 in legacy mode): the database lock failed. */
	DATABASE_LOCKED,
	/** The response starts, then the connection is reset half-way through the body. */
	CONNECTION_RESET,
	/** The request is held for the stall duration, then answered normally. */
	STALL;

	/**
	 * The name used in the request log, stats and on the command line, e.g.
	 * {@code connection-reset}.
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
