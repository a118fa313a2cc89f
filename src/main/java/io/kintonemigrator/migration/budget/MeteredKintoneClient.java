package io.kintonemigrator.migration.budget;

import java.util.function.Supplier;

import io.kintonemigrator.kintone.ForwardingKintoneClient;

import io.kintonemigrator.kintone.DailyQuota;
import io.kintonemigrator.kintone.KintoneClient;

/**
 * Takes one request from the app's {@link AppRequestMeter} before each operation of the
 * client below it (each is one HTTP exchange) that kintone counts against the app's daily
 * quota ({@link DailyQuota}), and tallies the others (downloads, uploads, the bulk
 * request that carries record updates). Sits below the retry layer, so every attempt is
 * counted and a used-up budget stops the very request that would pass it. Thread-safe.
 */
public final class MeteredKintoneClient extends ForwardingKintoneClient {

	private final AppRequestMeter meter;

	public MeteredKintoneClient(KintoneClient delegate, AppRequestMeter meter) {
		super(delegate);
		this.meter = meter;
	}

	/**
	 * Counts the request against the budget before it is sent, or tallies it when kintone
	 * does not count it.
	 */
	@Override
	protected <T> T around(Request request, Supplier<T> call) {
		if (DailyQuota.counts(request.api())) {
			meter.acquire();
		}
		else {
			meter.uncounted();
		}
		return call.get();
	}

	@Override
	public String toString() {
		return "MeteredKintoneClient[" + meter.appKey() + ", " + delegate + "]";
	}

}
