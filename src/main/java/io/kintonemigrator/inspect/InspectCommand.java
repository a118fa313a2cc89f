package io.kintonemigrator.inspect;

import io.kintonemigrator.cli.KintoneClients;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobFiles;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneException;
import io.kintonemigrator.kintone.KintoneTransportException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inspect}: lists the FILE fields and tables of the apps of a job file
 * ({@code --job FILE}: source and target), or of one app ({@code --base-url},
 * {@code --app}, {@code --guest-space-id} as in cli-kintone, the API token from
 * {@code KINTONE_API_TOKEN}, never from the command line where the process list shows it)
 * with their codes ({@link FormListing}). Reads each form once; writes nothing.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
		description = { "Lists the FILE fields and tables (with the FILE fields inside them) of the job's apps,",
				"or of one app, with the codes a job file needs. Reads only.",
				"Exit codes: 0 listed, 1 kintone could not be reached, 2 configuration error." })
public class InspectCommand implements Callable<Integer> {

	/**
	 * The environment variable with the API token for {@code --base-url}, as in
	 * cli-kintone.
	 */
	static final String TOKEN_VARIABLE = "KINTONE_API_TOKEN";

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--job", paramLabel = "FILE", description = "The job file: inspect its source and target apps.")
	@Nullable Path jobFile;

	@Option(names = "--base-url", paramLabel = "URL",
			description = "Instead of --job: the domain, e.g. https://example.cybozu.com (token from $" + TOKEN_VARIABLE
					+ ").")
	@Nullable String baseUrl;

	@Option(names = "--app", paramLabel = "ID", description = "With --base-url: the app id.")
	@Nullable Long app;

	@Option(names = "--guest-space-id", paramLabel = "ID", description = "With --base-url: the app's guest space.")
	@Nullable Long guestSpaceId;

	@Override
	public Integer call() {
		CommandSpec commandSpec = Objects.requireNonNull(spec, "picocli injects the command spec");
		PrintWriter out = commandSpec.commandLine().getOut();
		PrintWriter err = commandSpec.commandLine().getErr();
		try {
			List<Target> targets = targets(err, System.getenv());
			if (targets == null) {
				return ExitCodes.USAGE;
			}
			return inspect(targets, Clock.systemUTC(), out, err);
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	/** One app to list, how to reach it, and whether it is a job's target. */
	record Target(String title, String keyPrefix, KintoneConnection connection, boolean target,
			JobConfig.@Nullable Limits limits) {
	}

	/** The apps the options name, or null after printing the problem. */
	@Nullable List<Target> targets(PrintWriter err, Map<String, String> environment) {
		if (jobFile != null) {
			if (baseUrl != null || app != null || guestSpaceId != null) {
				err.println("inspect: give either --job or --base-url/--app, not both");
				return null;
			}
			JobConfig config = JobFiles.load(new JobConfigLoader(), jobFile, err);
			if (config == null) {
				return null;
			}
			return List.of(
					new Target("Source app " + config.source().app().value() + " on " + host(config.source()), "source",
							config.source(), false, config.limits()),
					new Target("Target app " + config.target().app().value() + " on " + host(config.target()), "target",
							config.target(), true, config.limits()));
		}
		if (baseUrl == null || app == null) {
			err.println("inspect: give --job FILE, or --base-url URL and --app ID (with $" + TOKEN_VARIABLE + ")");
			return null;
		}
		String token = environment.get(TOKEN_VARIABLE);
		if (token == null || token.isBlank()) {
			err.println("inspect: set " + TOKEN_VARIABLE + " to an API token of app " + app
					+ " (view permission is enough)");
			return null;
		}
		URI uri;
		try {
			uri = new URI(baseUrl.strip());
			if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
				throw new URISyntaxException(baseUrl, "not an http(s) URL with a host");
			}
		}
		catch (URISyntaxException ex) {
			err.println("inspect: --base-url '" + baseUrl + "' is not a URL like https://example.cybozu.com");
			return null;
		}
		KintoneConnection base = KintoneConnection.withApiToken(uri, app, token.strip());
		KintoneConnection connection = new KintoneConnection(base.baseUrl(), base.app(), guestSpaceId,
				base.credentials(), null, null, null, base.timeouts(), false);
		return List.of(new Target("App " + app + " on " + host(connection), "--base-url", connection, true, null));
	}

	static int inspect(List<Target> targets, Clock clock, PrintWriter out, PrintWriter err) {
		try (KintoneClients clientFactories = KintoneClients.overHttp(clock)) {
			for (Target target : targets) {
				// the job's per-domain limits, or the defaults for one app given by
				// options
				KintoneClientFactory clients = clientFactories
					.forLimits(target.limits() == null ? JobConfig.Limits.defaults() : target.limits());
				try (KintoneClient client = clients.open(target.connection())) {
					FormListing.print(target.title(), client.formFields(), target.target(), out);
				}
				catch (KintoneTransportException ex) {
					err.println("inspect: " + target.title() + " could not be reached: " + ex.getMessage()
							+ " (run again once it is reachable)");
					return ExitCodes.FAILED;
				}
				catch (KintoneException ex) {
					err.println("inspect: " + target.title() + " cannot be read: " + ex.getMessage() + "; check "
							+ target.keyPrefix() + " (base URL, app, guest space) and the API token (view permission)");
					return ExitCodes.USAGE;
				}
			}
			return ExitCodes.COMPLETED;
		}
	}

	private static String host(KintoneConnection connection) {
		URI uri = connection.baseUrl();
		String host = uri.getHost() == null ? uri.toString() : uri.getHost();
		return (uri.getPort() < 0 ? host : host + ":" + uri.getPort())
				+ (connection.guestSpaceId() == null ? "" : " (guest space " + connection.guestSpaceId() + ")");
	}

}
