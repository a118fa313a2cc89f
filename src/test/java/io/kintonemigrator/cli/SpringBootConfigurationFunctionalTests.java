package io.kintonemigrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.CommandTestFixture;
import io.kintonemigrator.testsupport.MigrationApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.testsupport.CommandRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command reads the same configuration, the Spring Boot way: Spring Boot properties
 * on the command line ({@code --spring.*}) and the application's config files (here given
 * through {@code --spring.config.additional-location}, which Spring Boot reads like
 * {@code ./config/application.yml}), also {@code status} and {@code verify}, which check
 * the job database before they start a context.
 */
class SpringBootConfigurationFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void statusAndVerifyFindTheJobDatabaseThatAConfigFileNames() throws Exception {
		CommandTestFixture fixture = new CommandTestFixture(tmp, 5);
		try (KintoneEmulator emulator = fixture.emulator(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "boot-config", "append", 4);
			Path config = Files.createDirectories(tmp.resolve("config"));
			Files.writeString(config.resolve("application.yml"),
					"spring:\n  datasource:\n    url: \"" + fixture.database() + "\"\n");
			String location = "--spring.config.additional-location=file:" + config + "/";

			CommandRun migrate = cli("migrate", "--job", job.toString(), location,
					"--kam.work-dir=" + tmp.resolve("work"));
			CommandRun status = cli("status", "--job", job.toString(), location);
			CommandRun verify = cli("verify", "--job", job.toString(), location);

			assertThat(migrate.exitCode()).as(migrate.all()).isZero();
			assertThat(tmp.resolve("db/batch.mv.db")).as("the database the config file names").exists();
			assertThat(status.exitCode()).as(status.all()).isZero();
			assertThat(status.out()).containsPattern("execution \\d+  COMPLETED");
			assertThat(verify.exitCode()).as(verify.all()).isZero();
			assertThat(verify.out()).contains("Every migrated attachment is identical on the target");
		}
	}

	@Test
	void aSpringPropertyOnTheCommandLineIsTakenByStatus() throws Exception {
		CommandTestFixture fixture = new CommandTestFixture(tmp, 3);
		try (KintoneEmulator emulator = fixture.emulator(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "boot-argument", "append", 4);
			assertThat(fixture.migrate(job).exitCode()).isZero();

			CommandRun status = cli("status", "--spring.datasource.url=" + fixture.database());

			assertThat(status.exitCode()).as(status.all()).isZero();
			assertThat(status.out()).contains("Job 'boot-argument'").containsPattern("execution \\d+  COMPLETED");
		}
	}

}
