package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;

/**
 * A real HTTP proxy on localhost, as a corporate network has one: Jetty's
 * {@link ConnectHandler} opens {@code CONNECT} tunnels (what HTTPS goes through) only for
 * a request whose {@code Proxy-Authorization: Basic} holds its user and password, and
 * answers {@code 407} with a {@code Proxy-Authenticate} challenge otherwise. It counts
 * the tunnels it opened, the CONNECTs it refused and the bytes it relayed (both ways), so
 * a test can tell that traffic went through it. Close it when done.
 */
public final class AuthenticatingProxy implements AutoCloseable {

	private final Server server;

	private final ServerConnector connector;

	private final String expected;

	private final AtomicInteger tunnels = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicLong relayed = new AtomicLong();

	private final List<String> destinations = new CopyOnWriteArrayList<>();

	private AuthenticatingProxy(String username, String password) {
		this.expected = "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		this.server = new Server();
		this.connector = new ServerConnector(this.server);
		this.connector.setHost("localhost");
		this.connector.setPort(0);
		this.server.addConnector(this.connector);
		this.server.setHandler(new CountingConnectHandler());
	}

	/** Starts a proxy on a free localhost port that demands this user and password. */
	public static AuthenticatingProxy start(String username, String password) throws Exception {
		AuthenticatingProxy proxy = new AuthenticatingProxy(username, password);
		proxy.server.start();
		return proxy;
	}

	public int port() {
		return this.connector.getLocalPort();
	}

	/** Tunnels opened for an authenticated {@code CONNECT}. */
	public int tunnels() {
		return this.tunnels.get();
	}

	/** {@code CONNECT}s answered 407. */
	public int refused() {
		return this.refused.get();
	}

	/** Bytes relayed through the tunnels, both directions. */
	public long relayedBytes() {
		return this.relayed.get();
	}

	/** The {@code host:port} of every authenticated {@code CONNECT}. */
	public List<String> destinations() {
		return List.copyOf(this.destinations);
	}

	@Override
	public void close() throws Exception {
		this.server.stop();
	}

	private final class CountingConnectHandler extends ConnectHandler {

		@Override
		protected boolean handleAuthentication(Request request, Response response, String address) {
			if (expected.equals(request.getHeaders().get("Proxy-Authorization"))) {
				destinations.add(address);
				return true;
			}
			refused.incrementAndGet();
			response.getHeaders().put("Proxy-Authenticate", "Basic realm=\"test-proxy\"");
			return false;
		}

		@Override
		protected void onConnectSuccess(ConnectContext context, UpstreamConnection upstream) {
			tunnels.incrementAndGet();
			super.onConnectSuccess(context, upstream);
		}

		@Override
		protected int read(EndPoint endPoint, ByteBuffer buffer, ConcurrentMap<String, Object> context)
				throws IOException {
			int read = super.read(endPoint, buffer, context);
			if (read > 0) {
				relayed.addAndGet(read);
			}
			return read;
		}

	}

}
