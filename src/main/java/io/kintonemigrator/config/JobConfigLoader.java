package io.kintonemigrator.config;

import java.util.Collection;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.jspecify.annotations.Nullable;

/**
 * Reads a YAML job file (ARCHITECTURE.md §2) into a {@link JobConfig}: resolves
 * {@code ${ENV_VAR}} placeholders, rejects unknown keys, and checks every value,
 * reporting all problems at once as a {@link JobConfigException}. Checks against the apps
 * themselves happen later, in the job's preflight step. Thread-safe.
 */
public final class JobConfigLoader {

	private final YAMLMapper mapper = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.build();

	private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate (?:property|field) \"([^\"]*)\"");

	private final Function<String, @Nullable String> variables;

	private final boolean credentialsNeeded;

	/** A loader that resolves placeholders from the process environment. */
	public JobConfigLoader() {
		this(System::getenv);
	}

	/** A loader that resolves placeholders with the given lookup (null: not set). */
	public JobConfigLoader(Function<String, @Nullable String> variables) {
		this(variables, true);
	}

	private JobConfigLoader(Function<String, @Nullable String> variables, boolean credentialsNeeded) {
		this.variables = variables;
		this.credentialsNeeded = credentialsNeeded;
	}

	/**
	 * This loader for commands that only read the job database ({@code status}): the
	 * credentials (tokens, passwords, their files and variables) are neither needed nor
	 * read, and the job's name and fingerprint come out the same (credentials are not
	 * part of it). The result cannot reach kintone.
	 */
	public JobConfigLoader withoutCredentials() {
		Function<String, @Nullable String> lookup = variables;
		return new JobConfigLoader(name -> {
			String value = lookup.apply(name);
			return value == null ? "" : value;
		}, false);
	}

	/**
	 * A loader resolving from {@code overrides} first, then from the process environment.
	 */
	public static JobConfigLoader withVariables(Map<String, String> overrides) {
		return new JobConfigLoader(name -> overrides.containsKey(name) ? overrides.get(name) : System.getenv(name));
	}

	/**
	 * Loads a job file; {@code apiTokenFile} and {@code passwordFile} paths in it are
	 * resolved against the job file's directory.
	 */
	public JobConfig load(Path file) {
		if (Files.isDirectory(file)) {
			throw new JobConfigException(List.of(file + ": is a directory; give --job the path of a YAML job file"));
		}
		String yaml;
		try {
			yaml = Files.readString(file);
		}
		catch (NoSuchFileException ex) {
			throw new JobConfigException(List.of(file + ": job file not found; check the path given to --job"));
		}
		catch (MalformedInputException ex) {
			throw new JobConfigException(List.of(file + ": is not UTF-8 text; save the job file as UTF-8"));
		}
		catch (IOException ex) {
			throw new JobConfigException(List.of(file + ": cannot read the job file (" + ex.getClass().getSimpleName()
					+ "); check that it exists and is readable"));
		}
		Path parent = file.toAbsolutePath().getParent();
		return parse(yaml, file.toString(), parent == null ? Path.of("") : parent);
	}

	/**
	 * Parses the YAML text; {@code origin} names it in problems (a path, or "demo.yml").
	 */
	public JobConfig parse(String yaml, String origin) {
		return parse(yaml, origin, Path.of(""));
	}

	private JobConfig parse(String yaml, String origin, Path baseDirectory) {
		if (yaml.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
			throw new JobConfigException(List.of(origin
					+ ": the job file is empty; write name, source, target, match and files (see config/jobs/example.yml)"));
		}
		JsonNode tree;
		try {
			tree = mapper.readTree(yaml);
		}
		catch (JacksonException ex) {
			Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(ex.getOriginalMessage()));
			if (duplicate.find()) {
				throw new JobConfigException(List.of(origin + ": the key '" + duplicate.group(1) + "' is given twice"
						+ (ex.getLocation() == null ? "" : " (line " + ex.getLocation().getLineNr() + ")")
						+ "; keep one"));
			}
			throw new JobConfigException(
					List.of(origin + ": not valid YAML (" + firstLine(ex.getOriginalMessage()) + location(ex)
							+ "); fix the syntax, e.g. indentation with spaces and quotes around values with ': '"));
		}
		if (tree == null || !tree.isObject()) {
			throw new JobConfigException(List
				.of(origin + ": the job file must be a YAML mapping with name, source, target, match and files"));
		}
		List<String> problems = new ArrayList<>();
		new EnvPlaceholders(variables).resolve(tree, "", problems);
		RawJobFile raw;
		try {
			raw = mapper.treeToValue(tree, RawJobFile.class);
		}
		catch (UnrecognizedPropertyException ex) {
			problems.add(keyOf(ex) + ": unknown key; allowed here: " + ex.getKnownPropertyIds());
			throw new JobConfigException(prefixed(origin, problems));
		}
		catch (JacksonException ex) {
			// the original message may quote the value, which could be a secret put in
			// the wrong place
			problems.add(keyOf(ex) + ": wrong type of value" + expected(ex) + "; compare with config/jobs/example.yml");
			throw new JobConfigException(prefixed(origin, problems));
		}
		JobConfig config = null;
		try {
			config = new JobConfigValidator(baseDirectory, credentialsNeeded).validate(raw);
		}
		catch (JobConfigException ex) {
			problems.addAll(ex.problems());
		}
		if (config == null || !problems.isEmpty()) {
			throw new JobConfigException(prefixed(origin, problems));
		}
		return config;
	}

	private static String keyOf(JacksonException ex) {
		StringBuilder key = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!key.isEmpty()) {
					key.append('.');
				}
				key.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				key.append('[').append(reference.getIndex()).append(']');
			}
		}
		return key.isEmpty() ? "(top level)" : key.toString();
	}

	/** What the key wanted, in the user's words; never the value that was there. */
	private static String expected(JacksonException ex) {
		if (!(ex instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
			return "";
		}
		Class<?> type = mismatch.getTargetType();
		if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
			return ": expected a whole number";
		}
		if (type == Double.class || type == double.class) {
			return ": expected a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return ": expected true or false";
		}
		if (type == String.class) {
			return ": expected a single text value";
		}
		if (Collection.class.isAssignableFrom(type)) {
			return ": expected a list (lines starting with '- ')";
		}
		if (type.isRecord()) {
			return ": expected a mapping (indented 'key: value' lines)";
		}
		return "";
	}

	private static String firstLine(@Nullable String message) {
		return message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error").strip();
	}

	private static String location(JacksonException ex) {
		return ex.getLocation() == null || ex.getLocation().getLineNr() < 1 ? ""
				: " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr();
	}

	private static List<String> prefixed(String origin, List<String> problems) {
		return problems.stream().map(problem -> origin + ": " + problem).toList();
	}

}
