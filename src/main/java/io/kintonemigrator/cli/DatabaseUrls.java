package io.kintonemigrator.cli;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps database passwords off the command line, where the process list shows them to
 * every user of the machine: a {@code --database} JDBC URL must not carry one
 * ({@code password=} in PostgreSQL's and H2's URL syntax, or {@code user:password@} in
 * the authority).
 */
public final class DatabaseUrls {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("[?&;]password=");

	private static final Pattern USER_INFO_PASSWORD = Pattern.compile("^jdbc:[a-z0-9]+://[^/@]*:[^/@]*@");

	private DatabaseUrls() {
	}

	public static boolean holdsPassword(String jdbcUrl) {
		String url = jdbcUrl.toLowerCase(Locale.ROOT);
		return PASSWORD_PARAMETER.matcher(url).find() || USER_INFO_PASSWORD.matcher(url).find();
	}

	/** The one line for a URL that holds a password; never the URL itself. */
	public static String problem() {
		return "--database: the JDBC URL holds a password, which the process list shows to every user of this machine;"
				+ " remove it from the URL and set SPRING_DATASOURCE_PASSWORD (and SPRING_DATASOURCE_USERNAME) instead";
	}

}
