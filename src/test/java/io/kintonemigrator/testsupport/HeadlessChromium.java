package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) run headless as a child process, with the
 * flags this machine's closed network needs and a fresh profile per call. Tests that need
 * it call {@link #require}: skipped with a clear message where Chromium is not installed,
 * failed on CI (which installs it, see {@code .ci/run}).
 */
public final class HeadlessChromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private final Path workDir;

	private HeadlessChromium(Path workDir) {
		this.workDir = workDir;
	}

	/** Chromium, with its profiles under {@code workDir}; skips the test without it. */
	public static HeadlessChromium require(Path workDir) {
		boolean installed = Files.isExecutable(CHROMIUM);
		if (!installed && "true".equals(System.getenv("CI"))) {
			throw new AssertionError(CHROMIUM + " is missing on CI: .ci/run installs it (apt-get install chromium)");
		}
		Assumptions.assumeTrue(installed,
				"skipped: " + CHROMIUM + " is not installed (apt-get install chromium; .ci/run installs it)");
		return new HeadlessChromium(workDir);
	}

	/** The DOM of the page at {@code url} once loaded, serialized as HTML. */
	public String dumpDom(String url) throws IOException, InterruptedException {
		return run("--dump-dom", url);
	}

	/** Saves a screenshot of the page at {@code url}, {@code width} x {@code height}. */
	public void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
		run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars", url);
		assertThat(png).as("Chromium's screenshot").isNotEmptyFile();
	}

	private String run(String... arguments) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory(Files.createDirectories(workDir), "chromium-profile");
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
		command.addAll(List.of(arguments));
		Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
		Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
		Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError("Chromium did not finish within 120 s: " + Files.readString(stderr));
		}
		assertThat(process.exitValue()).as("Chromium's exit code; stderr: %s", Files.readString(stderr)).isZero();
		return Files.readString(stdout, StandardCharsets.UTF_8);
	}

}
