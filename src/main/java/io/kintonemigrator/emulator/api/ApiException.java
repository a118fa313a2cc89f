package io.kintonemigrator.emulator.api;

import org.jspecify.annotations.Nullable;

/**
 * A kintone error answer: thrown anywhere while handling a request and rendered as
 * kintone's error JSON.
 */
public final class ApiException extends RuntimeException {

	private final ErrorSpec spec;

	private final LocalizedText message;

	private final @Nullable ValidationErrors errors;

	public ApiException(ErrorSpec spec, Object... args) {
		this(spec, null, args);
	}

	public ApiException(ErrorSpec spec, @Nullable ValidationErrors errors, Object... args) {
		super(spec.code() + " " + spec.message().formatted(args).en(), null, false, false);
		this.spec = spec;
		this.message = spec.message().formatted(args);
		this.errors = errors;
	}

	public ErrorSpec spec() {
		return this.spec;
	}

	public LocalizedText localizedMessage() {
		return this.message;
	}

	public @Nullable ValidationErrors errors() {
		return this.errors;
	}

}
