package io.kintonemigrator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.seed.SeedFile;

/**
 * The demo's two apps: {@code config/demo/seed.yml}, the one demo seed, which the jar
 * carries (the same file {@code emulator --seed config/demo/seed.yml} serves). Source app
 * 1: a FILE field {@code attachments} and a table {@code items} (item_no, drawing).
 * Target app 2: {@code legacy_id} (unique: the source's {@code $id}), a FILE field
 * {@code documents} and a table {@code lines} (item_no, drawing). Japanese file names,
 * one file of 5 MiB, and one source record whose target is missing.
 */
public final class DemoData {

	/** Where the seed is, in the jar and in the source tree. */
	public static final String SEED = "config/demo/seed.yml";

	static final long SOURCE_APP = 1;

	static final long TARGET_APP = 2;

	/** The source app's token in the seed. */
	public static final String SOURCE_TOKEN = "demo-source-token";

	/** The target app's token in the seed. */
	public static final String TARGET_TOKEN = "demo-target-token";

	private DemoData() {
	}

	/** The seed, read from the class path. */
	public static EmulatorSeed seed() {
		try (InputStream in = DemoData.class.getResourceAsStream("/" + SEED)) {
			if (in == null) {
				throw new IllegalStateException(SEED + " is missing from the class path");
			}
			// the demo seed generates its files; no path in it is resolved
			return SeedFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of(""), SEED);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
