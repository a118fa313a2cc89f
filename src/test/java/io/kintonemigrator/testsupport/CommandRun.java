package io.kintonemigrator.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.kintonemigrator.MigratorCli;

/** What one command run in a test left: its exit code, standard output and error. */
public record CommandRun(int exitCode, String out, String err) {

	/** Runs the command line {@code args} in this JVM, as {@code java -jar} would. */
	public static CommandRun cli(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), args);
		return new CommandRun(exitCode, out.toString(), err.toString());
	}

	/** Standard output, then standard error. */
	public String all() {
		return out + "\n" + err;
	}

}
