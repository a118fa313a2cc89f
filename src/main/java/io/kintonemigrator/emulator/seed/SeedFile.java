package io.kintonemigrator.emulator.seed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.kintonemigrator.emulator.EmulatorSeed;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML seed file (format: {@code docs/emulator.md}) into an {@link EmulatorSeed}.
 * Unknown keys, missing required keys and values that do not fit the declared form are
 * rejected with a {@link SeedFileException} whose one-line message names the file and the
 * key. Files given by {@code path} are resolved against the seed file's directory and
 * streamed when the seed is applied. Thread-safe.
 */
public final class SeedFile {

	static final YAMLMapper MAPPER = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private SeedFile() {
	}

	/** Reads and checks the seed file. */
	public static EmulatorSeed load(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new SeedFileException("seed file " + file.toAbsolutePath()
					+ " does not exist; give the path of a YAML seed file (see docs/emulator.md)");
		}
		String yaml;
		try {
			yaml = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new SeedFileException("cannot read seed file " + file + ": " + ex.getMessage());
		}
		Path directory = file.toAbsolutePath().getParent();
		return parse(yaml, directory, file.toString());
	}

	/**
	 * Parses seed YAML; {@code baseDirectory} resolves relative file paths,
	 * {@code origin} names the seed in problems.
	 */
	public static EmulatorSeed parse(String yaml, Path baseDirectory, String origin) {
		SeedDocument.Root root;
		try {
			root = MAPPER.readValue(yaml, SeedDocument.Root.class);
		}
		catch (JacksonException ex) {
			throw new SeedFileException(origin + ": " + describe(ex, ""));
		}
		if (root == null) {
			throw new SeedFileException(origin + ": the seed file is empty; it needs at least 'apps:'");
		}
		return new SeedMapper(baseDirectory, origin).toSeed(root);
	}

	/**
	 * One line for a mapping problem; {@code prefix} is the path of the node that was
	 * mapped.
	 */
	static String describe(JacksonException ex, String prefix) {
		String path = path(ex, prefix);
		if (ex instanceof UnrecognizedPropertyException unknown) {
			String known = unknown.getKnownPropertyIds()
				.stream()
				.map(Object::toString)
				.sorted()
				.collect(Collectors.joining(", "));
			return "unknown key '" + path + "'; the keys allowed there are: " + known;
		}
		String message = firstLine(ex.getOriginalMessage());
		TokenStreamLocation location = ex.getLocation();
		String line = (location != null && location.getLineNr() > 0) ? " (line " + location.getLineNr() + ")" : "";
		return (path.isEmpty() ? "" : "'" + path + "': ") + message + line;
	}

	private static String path(JacksonException ex, String prefix) {
		StringBuilder path = new StringBuilder(prefix);
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "invalid value";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

	static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	static <T> List<T> orEmpty(@Nullable List<T> list) {
		return (list != null) ? list : List.of();
	}

}
