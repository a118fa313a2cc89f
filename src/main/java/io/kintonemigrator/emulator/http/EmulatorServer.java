package io.kintonemigrator.emulator.http;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.kintonemigrator.emulator.api.ApiContext;
import io.kintonemigrator.emulator.observe.RequestLog;
import io.kintonemigrator.emulator.observe.StatsRecorder;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The embedded Jetty 12 server, bound to {@code localhost} only, on HTTP or HTTPS
 * ({@link TlsSettings}). Every request enters through the filter chain built in
 * {@link #requestFilters} (accounting, concurrency limit, then any extra filters such as
 * fault injection) and ends in {@link KintoneApiServlet}; only {@code /__emulator/*}
 * ({@link EmulatorOpsServlet}) is served beside it, outside that chain. Start once, stop
 * once; thread-safe once started.
 */
public final class EmulatorServer implements AutoCloseable {

	/** Where the emulator's own endpoints live (see {@link EmulatorOpsServlet}). */
	public static final String OPS_PATH = "/__emulator";

	private final Server server;

	private final ServerConnector connector;

	private final boolean https;

	/**
	 * @param port the port to bind on localhost, 0 for a free one
	 * @param extraFilters filters run after the built-in ones, in order, just before the
	 * API servlet
	 */
	public EmulatorServer(int port, ApiContext context, StatsRecorder stats, RequestLog log,
			List<Filter> extraFilters) {
		this(port, null, context, stats, log, extraFilters);
	}

	/**
	 * The same, speaking HTTPS when {@code tls} is given.
	 * @param tls the server's certificate and the client certificates it demands; null:
	 * plain HTTP
	 */
	public EmulatorServer(int port, @Nullable TlsSettings tls, ApiContext context, StatsRecorder stats, RequestLog log,
			List<Filter> extraFilters) {
		QueuedThreadPool threads = new QueuedThreadPool(context.settings().concurrencyLimit() + 64, 8);
		threads.setName("kintone-emulator");
		this.server = new Server(threads);
		this.https = tls != null;
		this.connector = tls == null ? new ServerConnector(this.server)
				: new ServerConnector(this.server, tlsContext(tls));
		this.connector.setHost("localhost");
		this.connector.setPort(port);
		this.server.addConnector(this.connector);

		JsonResponses responses = new JsonResponses(context.settings());
		ServletContextHandler handler = new ServletContextHandler();
		handler.setContextPath("/");
		for (Filter filter : requestFilters(context, stats, log, responses, extraFilters)) {
			handler.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
		}
		// uploads are read by FileUploadEndpoint itself, straight into blob storage: no
		// multipart config
		ServletHolder servlet = new ServletHolder(new KintoneApiServlet(context, responses));
		handler.addServlet(servlet, "/*");

		// a context of its own, so the emulator's endpoints never pass the kintone filter
		// chain
		ServletContextHandler ops = new ServletContextHandler();
		ops.setContextPath(OPS_PATH);
		ops.addServlet(new ServletHolder(new EmulatorOpsServlet(stats, log)), "/*");
		this.server.setHandler(new ContextHandlerCollection(ops, handler));
	}

	private static SslContextFactory.Server tlsContext(TlsSettings tls) {
		SslContextFactory.Server factory = new SslContextFactory.Server();
		factory.setKeyStorePath(tls.keyStore().toString());
		factory.setKeyStoreType("PKCS12");
		factory.setKeyStorePassword(tls.password());
		if (tls.clientTrustStore() != null) {
			factory.setTrustStorePath(tls.clientTrustStore().toString());
			factory.setTrustStoreType("PKCS12");
			factory.setTrustStorePassword(tls.clientTrustStorePassword());
			factory.setNeedClientAuth(true);
		}
		return factory;
	}

	/**
	 * The one place that decides what a request passes through before the API servlet, in
	 * order.
	 */
	static List<Filter> requestFilters(ApiContext context, StatsRecorder stats, RequestLog log, JsonResponses responses,
			List<Filter> extraFilters) {
		List<Filter> filters = new ArrayList<>();
		filters.add(new RequestAccountingFilter(context.store().clock(), stats, log));
		filters.add(new ConcurrencyLimitFilter(context.settings().concurrencyLimit(), responses));
		filters.addAll(extraFilters);
		return filters;
	}

	public void start() {
		try {
			this.server.start();
		}
		catch (Exception ex) {
			try {
				this.server.stop();
			}
			catch (Exception suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw new IllegalStateException("cannot start the kintone emulator on localhost:" + this.connector.getPort()
					+ " (is the port in use? use port 0 for a free one)", ex);
		}
	}

	/** Whether the server speaks HTTPS. */
	public boolean https() {
		return this.https;
	}

	/** The bound port (after {@link #start()}). */
	public int port() {
		return this.connector.getLocalPort();
	}

	@Override
	public void close() {
		try {
			this.server.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot stop the kintone emulator", ex);
		}
	}

}
