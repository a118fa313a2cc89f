/**
 * Retry(CircuitBreaker(RateLimiter(Bulkhead(call)))) around whole kintone operations, per domain.
 */
@NullMarked
package io.kintonemigrator.resilience;

import org.jspecify.annotations.NullMarked;
