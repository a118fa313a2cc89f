package io.kintonemigrator.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * H2 opens a file database from one process at a time, so a second run on the same H2
 * file fails before it can read the job lock. The holder therefore also writes who it is
 * next to the database ({@code <database>.owner}: host, pid, since) as soon as its
 * context has the database open, and the refused process turns H2's error 90020 into one
 * line naming the holder. The file is deleted when the context closes; one left by a
 * killed process is ignored because its pid is gone.
 */
public final class H2DatabaseOwner implements AutoCloseable {

	private static final int DATABASE_ALREADY_OPEN = 90020;

	private final @Nullable Path file;

	private H2DatabaseOwner(@Nullable Path file) {
		this.file = file;
	}

	/** Writes the owner file when the database is an H2 file; does nothing otherwise. */
	public static H2DatabaseOwner record(DataSource dataSource) {
		String url;
		try (Connection connection = dataSource.getConnection()) {
			url = connection.getMetaData().getURL();
		}
		catch (SQLException ex) {
			return new H2DatabaseOwner(null);
		}
		if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")
				|| url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
			return new H2DatabaseOwner(null);
		}
		String path = url.substring("jdbc:h2:".length());
		path = path.startsWith("file:") ? path.substring("file:".length()) : path;
		int options = path.indexOf(';');
		Path file = Path.of((options < 0 ? path : path.substring(0, options)) + ".owner").toAbsolutePath();
		Properties owner = new Properties();
		owner.setProperty("host", ProcessInfo.host());
		owner.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
		owner.setProperty("since", Instant.now().toString());
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			owner.store(out, "the process that has this H2 database open (kintone-attachment-migrator)");
		}
		catch (IOException ex) {
			return new H2DatabaseOwner(null); // only a nicer message is lost
		}
		return new H2DatabaseOwner(file);
	}

	/**
	 * Before the context starts (whose failure Spring would log at length): opens the H2
	 * file the command would use ({@link CommandEnvironment}), and returns the one-line
	 * message when another process has it open; null otherwise (also for other databases
	 * or any other problem, which the context reports).
	 */
	public static @Nullable String checkNotInUse(Map<String, Object> commandProperties) {
		ConfigurableEnvironment environment = CommandEnvironment.of(commandProperties);
		String url = environment.getProperty("spring.datasource.url");
		if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")
				|| url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
			return null;
		}
		try (Connection connection = DriverManager.getConnection(url,
				environment.getProperty("spring.datasource.username", "sa"),
				environment.getProperty("spring.datasource.password", ""))) {
			return null;
		}
		catch (SQLException ex) {
			return inUseMessage(ex);
		}
	}

	/**
	 * One line for H2's "database already in use" anywhere in the causes, or null for any
	 * other failure.
	 */
	public static @Nullable String inUseMessage(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getErrorCode() == DATABASE_ALREADY_OPEN) {
				String message = String.valueOf(sql.getMessage());
				int start = message.indexOf('"');
				int end = message.indexOf('"', start + 1);
				String database = start >= 0 && end > start ? message.substring(start + 1, end) : "the H2 database";
				return "The job database " + database + " is in use by " + holder(database)
						+ "; H2 opens a file database from one process at a time, so runs never overlap. "
						+ "Wait for that run to end (or use PostgreSQL to run different jobs at once).";
			}
		}
		return null;
	}

	private static String holder(String database) {
		String base = database.endsWith(".mv.db") ? database.substring(0, database.length() - ".mv.db".length())
				: database;
		Path file = Path.of(base + ".owner");
		Properties owner = new Properties();
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			owner.load(in);
			long pid = Long.parseLong(owner.getProperty("pid", "-1"));
			boolean alive = ProcessInfo.host().equals(owner.getProperty("host"))
					&& ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
			if (alive) {
				return "process " + pid + " on host " + owner.getProperty("host") + " (open since "
						+ owner.getProperty("since") + ")";
			}
		}
		catch (IOException | RuntimeException ex) {
			// no owner file: the holder is still starting, or is not one of our runs
		}
		return "another process";
	}

	@Override
	public void close() {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a stale file is ignored by the next reader
			}
		}
	}

}
