package io.kintonemigrator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.jspecify.annotations.Nullable;

/**
 * Reads a YAML job file (ARCHITECTURE.md §2) into a {@link JobConfig}: resolves {@code ${ENV_VAR}}
 * placeholders, rejects unknown keys, and checks every value, reporting all problems at once as a
 * {@link JobConfigException}. Checks against the apps themselves happen later, in the job's
 * preflight step. Thread-safe.
 */
public final class JobConfigLoader {

	private final YAMLMapper mapper = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Function<String, @Nullable String> variables;

	/** A loader that resolves placeholders from the process environment. */
	public JobConfigLoader() {
		this(System::getenv);
	}

	/** A loader that resolves placeholders with the given lookup (null: not set). */
	public JobConfigLoader(Function<String, @Nullable String> variables) {
		this.variables = variables;
	}

	/** A loader resolving from {@code overrides} first, then from the process environment. */
	public static JobConfigLoader withVariables(Map<String, String> overrides) {
		return new JobConfigLoader(name -> overrides.containsKey(name) ? overrides.get(name) : System.getenv(name));
	}

	public JobConfig load(Path file) {
		String yaml;
		try {
			yaml = Files.readString(file);
		}
		catch (NoSuchFileException ex) {
			throw new JobConfigException(List.of(file + ": job file not found; check the path given to --job"));
		}
		catch (IOException ex) {
			throw new JobConfigException(List.of(file + ": cannot read the job file (" + ex.getMessage() + ")"));
		}
		return parse(yaml, file.toString());
	}

	/** Parses the YAML text; {@code origin} names it in problems (a path, or "demo.yml"). */
	public JobConfig parse(String yaml, String origin) {
		JsonNode tree;
		try {
			tree = mapper.readTree(yaml);
		}
		catch (JacksonException ex) {
			throw new JobConfigException(List.of(origin + ": not valid YAML (" + ex.getOriginalMessage() + ")"));
		}
		if (tree == null || !tree.isObject()) {
			throw new JobConfigException(List.of(origin + ": the job file must be a YAML mapping with name, source, target, match and files"));
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
			// the original message may quote the value, which could be a secret put in the wrong place
			problems.add(keyOf(ex) + ": wrong type of value; compare with config/jobs/example.yml");
			throw new JobConfigException(prefixed(origin, problems));
		}
		JobConfig config = null;
		try {
			config = new JobConfigValidator().validate(raw);
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

	private static List<String> prefixed(String origin, List<String> problems) {
		return problems.stream().map(problem -> origin + ": " + problem).toList();
	}

}
