package io.kintonemigrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.testsupport.ChildCommand;
import io.kintonemigrator.testsupport.CommandRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code completion} prints a script (from a child JVM, as a shell would receive it) that
 * a real bash loads and completes with: subcommand names, then a subcommand's options.
 */
class CompletionFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void bashCompletesSubcommandNamesAndOptionsWithThePrintedScript() throws Exception {
		CommandRun completion = ChildCommand.run(tmp.resolve("child"), "completion");
		assertThat(completion.exitCode()).as(completion.all()).isZero();
		Path script = Files.writeString(tmp.resolve("completion.bash"), completion.out());

		assertThat(complete(script, "kintone-attachment-migrator", "st")).containsExactly("status");
		assertThat(complete(script, "kintone-attachment-migrator", "i")).containsExactly("inspect");
		assertThat(complete(script, "kintone-attachment-migrator", "")).contains("migrate", "plan", "verify", "status",
				"inspect", "completion");
		assertThat(complete(script, "kintone-attachment-migrator", "status", "--j")).containsExactlyInAnyOrder("--job",
				"--json");
	}

	@Test
	void theNameOptionBindsTheScriptToAnotherCommandName() throws Exception {
		CommandRun completion = ChildCommand.run(tmp.resolve("child"), "completion", "--name", "kam");
		Path script = Files.writeString(tmp.resolve("kam.bash"), completion.out());

		assertThat(complete(script, "kam", "pl")).containsExactly("plan");
	}

	/** What bash offers for the last word of {@code words} after loading the script. */
	private List<String> complete(Path script, String... words) throws Exception {
		String line = String.join(" ", words);
		String driver = """
				source "$1"
				spec=$(complete -p "$2") || exit 3
				function=$(sed -E 's/.*-F ([^ ]+).*/\\1/' <<< "$spec")
				shift 2
				COMP_WORDS=("$@")
				COMP_CWORD=$(( $# - 1 ))
				COMP_LINE="$*"
				COMP_POINT=${#COMP_LINE}
				"$function" "$1" "${@: -1}" "${@: -2:1}"
				printf '%s\\n' "${COMPREPLY[@]}"
				""";
		Path driverFile = Files.writeString(tmp.resolve("driver.bash"), driver);
		List<String> command = new ArrayList<>(List.of("bash", driverFile.toString(), script.toString()));
		command.add(words[0]);
		command.addAll(List.of(words));
		Path out = tmp.resolve("bash.out");
		// stderr apart: compopt (spacing of the offered words) complains outside an
		// interactive completion and changes nothing offered
		Path err = tmp.resolve("bash.err");
		Process bash = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(bash.exitValue()).as("bash: %s %s (line %s)", Files.readString(out), Files.readString(err), line)
			.isZero();
		return Files.readAllLines(out).stream().map(String::strip).filter(word -> !word.isEmpty()).toList();
	}

}
