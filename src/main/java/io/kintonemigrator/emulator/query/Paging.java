package io.kintonemigrator.emulator.query;

import java.math.BigInteger;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Validates {@code limit} and {@code offset}: a non-integer is {@code GAIA_IQ10}, a
 * negative value {@code CB_VA01}, a limit above 500 {@code GAIA_QU01}, an offset above
 * 10,000 {@code GAIA_QU02}.
 *
 * @param limit the limit, empty when the query has none (the caller applies kintone's
 * default of 100)
 * @param offset the offset, empty when the query has none (0)
 */
record Paging(OptionalInt limit, OptionalInt offset) {

	static final int MAX_LIMIT = 500;

	static final int MAX_OFFSET = 10_000;

	private static final Pattern INTEGER = Pattern.compile("-?\\d+");

	static Paging of(@Nullable Token limit, @Nullable Token offset) {
		return new Paging(value("limit", limit, MAX_LIMIT, QueryErrors::limitTooLarge),
				value("offset", offset, MAX_OFFSET, QueryErrors::offsetTooLarge));
	}

	private static OptionalInt value(String option, @Nullable Token token, int max, Supplier<QueryException> tooLarge) {
		if (token == null) {
			return OptionalInt.empty();
		}
		if (token.type() != Token.Type.NUMBER || !INTEGER.matcher(token.text()).matches()) {
			throw QueryErrors.invalidOption(option, token.text());
		}
		BigInteger value = new BigInteger(token.text());
		if (value.signum() < 0) {
			throw QueryErrors.negativeOption(option);
		}
		if (value.compareTo(BigInteger.valueOf(max)) > 0) {
			throw tooLarge.get();
		}
		return OptionalInt.of(value.intValueExact());
	}

}
