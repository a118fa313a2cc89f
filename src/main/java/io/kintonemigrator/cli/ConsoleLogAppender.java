package io.kintonemigrator.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console appender of every command ({@code logback.xml}): log lines in one pattern
 * on standard error, so that standard output carries only the command's result; or, when
 * Spring Boot's {@code logging.structured.format.console} is set (e.g. by
 * {@code migrate --log-format json}), one JSON object per event on standard output, where
 * the command's own lines are such events too. The pattern, format and charset come from
 * Spring Boot's logging properties ({@code logging.pattern.console},
 * {@code logging.structured.format.console}, {@code logging.charset.console}).
 */
public class ConsoleLogAppender extends ConsoleAppender<ILoggingEvent> {

	private @Nullable String pattern;

	private @Nullable String structuredFormat;

	private Charset charset = StandardCharsets.UTF_8;

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	public void setStructuredFormat(String structuredFormat) {
		this.structuredFormat = structuredFormat;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	@Override
	public void start() {
		Encoder<ILoggingEvent> encoder;
		if (structuredFormat == null || structuredFormat.isBlank()) {
			PatternLayoutEncoder patternEncoder = new PatternLayoutEncoder();
			patternEncoder.setPattern(pattern);
			patternEncoder.setCharset(charset);
			encoder = patternEncoder;
			setTarget("System.err");
		}
		else {
			StructuredLogEncoder structured = new StructuredLogEncoder();
			structured.setFormat(structuredFormat);
			structured.setCharset(charset);
			encoder = structured;
			setTarget("System.out");
		}
		encoder.setContext(getContext());
		encoder.start();
		setEncoder(encoder);
		super.start();
	}

}
