package io.kintonemigrator.resilience;

import io.kintonemigrator.kintone.ForwardingKintoneClient;

import java.util.function.Supplier;

import io.kintonemigrator.kintone.KintoneClient;

/**
 * A {@link KintoneClient} whose every operation runs whole inside its domain's
 * Retry(CircuitBreaker(BusyDomainRetry(RateLimiter(AdaptiveConcurrencyLimit(call)))));
 * each attempt's {@link KintoneClient#domainConcurrency()} tells the limit how busy the
 * domain is. A retried download writes {@code target} again from the first byte; a
 * retried upload re-opens {@code source} and sends a new request; a retried update is
 * sent again as it was (its revision check makes a repeat after a lost answer fail with
 * {@code GAIA_CO02} instead of writing twice).
 *
 * <p>
 * Failures that retrying cannot fix are thrown after the first attempt; transient ones
 * after the last attempt (the last failure is thrown); a 429 once {@code maxBusyWait} has
 * passed. When the client's own limits refuse a call (open circuit, no slot or permit in
 * time) a {@link io.kintonemigrator.kintone.KintoneRejectedException} is thrown.
 * Thread-safe.
 */
public final class ResilientKintoneClient extends ForwardingKintoneClient {

	private final DomainGuard guard;

	ResilientKintoneClient(KintoneClient delegate, DomainGuard guard) {
		super(delegate);
		this.guard = guard;
	}

	@Override
	protected <T> T around(Request request, Supplier<T> call) {
		return guard.call(request.description(), call, delegate::domainConcurrency);
	}

	@Override
	public String toString() {
		return "ResilientKintoneClient[" + guard.domain() + ", " + delegate + "]";
	}

}
