package io.kintonemigrator.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.kintonemigrator.MigratorCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The child JVMs' main: the migrator's command line, as
 * {@code AttachmentMigratorApplication} runs it, with the test hooks the system
 * properties ask for registered as beans in every application context it starts (the
 * production code looks them up by type and does nothing without them):
 * <ul>
 * <li>{@code kam.test.killBeforeUpdate=N}, {@code kam.test.killAfterUpdate=N}:
 * {@link CrashAtUpdate};</li>
 * <li>{@code kam.test.holdLockUntil=FILE}: {@link HoldLockUntil}.</li>
 * </ul>
 * Without them the child runs exactly the product's command line.
 */
public final class HookedMigratorMain {

	private HookedMigratorMain() {
	}

	public static void main(String[] args) {
		Map<String, Object> hooks = hooks();
		SpringApplicationRunListener register = new SpringApplicationRunListener() {

			@Override
			public void contextPrepared(ConfigurableApplicationContext context) {
				hooks.forEach(context.getBeanFactory()::registerSingleton);
			}

		};
		int exitCode = SpringApplication.withHook(application -> register, () -> MigratorCli.execute(args));
		System.exit(exitCode);
	}

	private static Map<String, Object> hooks() {
		Map<String, Object> hooks = new LinkedHashMap<>();
		int killBefore = Integer.getInteger("kam.test.killBeforeUpdate", 0);
		int killAfter = Integer.getInteger("kam.test.killAfterUpdate", 0);
		if (killBefore > 0 || killAfter > 0) {
			hooks.put("crashAtUpdate", new CrashAtUpdate(killBefore, killAfter));
		}
		String holdUntil = System.getProperty("kam.test.holdLockUntil");
		if (holdUntil != null) {
			hooks.put("holdLockUntil", new HoldLockUntil(Path.of(holdUntil)));
		}
		return hooks;
	}

}
