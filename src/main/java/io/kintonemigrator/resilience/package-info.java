/**
 * Retry(CircuitBreaker(BusyDomainRetry(RateLimiter(AdaptiveConcurrencyLimit(call)))))
 * around whole kintone operations, per domain: the concurrency adapts to how busy the
 * domain is.
 */
@NullMarked
package io.kintonemigrator.resilience;

import org.jspecify.annotations.NullMarked;
