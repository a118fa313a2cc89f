package io.kintonemigrator.kintone.okhttp;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.okhttp.ConcurrencyHeaderInterceptor.DomainReports;
import okhttp3.OkHttpClient;

/**
 * Opens {@link OkHttpKintoneClient}s that all share one {@link OkHttpClient} (its
 * connection pool and dispatcher); each connection gets a {@code newBuilder()} variant
 * with its own credentials, timeouts, proxy (and its credentials,
 * {@link ProxyCredentials}) and client certificate. There is no call timeout, so a long
 * transfer is never cut; redirects are not followed (kintone does not redirect API calls,
 * a login page would); and OkHttp's silent retry on connection failure is off, so every
 * retry happens in one visible layer (the resilience package).
 *
 * <p>
 * Requests are counted per domain and app for the whole life of the factory, so a client
 * opened again for the same app continues the same daily count. Thread-safe.
 */
public final class OkHttpKintoneClientFactory implements KintoneClientFactory, AutoCloseable {

	private final OkHttpClient shared;

	private final boolean ownsHttpClient;

	private final Clock clock;

	private final String userAgent;

	private final X509TrustManager trust;

	private final SSLSocketFactory trustOnly;

	private final KintoneJson json = new KintoneJson();

	private final Map<String, DomainReports> concurrency = new ConcurrentHashMap<>();

	/**
	 * A factory with its own HTTP client, the system clock and our default User-Agent.
	 */
	public OkHttpKintoneClientFactory() {
		this(Clock.systemUTC());
	}

	/**
	 * A factory with its own HTTP client; {@code clock} dates each request.
	 */
	public OkHttpKintoneClientFactory(Clock clock) {
		this(new OkHttpClient(), true, clock, defaultUserAgent(), ClientCertificates.systemTrust());
	}

	/** A factory on a given HTTP client, which it will not shut down. */
	public OkHttpKintoneClientFactory(OkHttpClient shared, Clock clock, String userAgent) {
		this(shared, false, clock, userAgent, ClientCertificates.systemTrust());
	}

	OkHttpKintoneClientFactory(OkHttpClient shared, boolean ownsHttpClient, Clock clock, String userAgent,
			X509TrustManager trust) {
		this.shared = shared;
		this.ownsHttpClient = ownsHttpClient;
		this.clock = clock;
		this.userAgent = userAgent;
		this.trust = trust;
		this.trustOnly = ClientCertificates.trusting(trust);
	}

	/**
	 * {@code kintone-attachment-migrator/<version>}, the version from the jar manifest
	 * ({@code dev} from classes).
	 */
	public static String defaultUserAgent() {
		String version = OkHttpKintoneClientFactory.class.getPackage().getImplementationVersion();
		return "kintone-attachment-migrator/" + (version == null ? "dev" : version);
	}

	@Override
	public KintoneClient open(KintoneConnection connection) {
		KintoneUrls urls = KintoneUrls.of(connection);
		KintoneConnection.Timeouts timeouts = connection.timeouts();
		DomainReports domain = concurrency.computeIfAbsent(urls.authority(), key -> new DomainReports());
		OkHttpClient.Builder http = shared.newBuilder()
			.connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
			.readTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
			.writeTimeout(timeouts.write().toMillis(), TimeUnit.MILLISECONDS)
			.callTimeout(0, TimeUnit.MILLISECONDS)
			.followRedirects(false)
			.followSslRedirects(false)
			.retryOnConnectionFailure(false)
			.addInterceptor(new KintoneAuthInterceptor(connection, userAgent))
			.addInterceptor(new RequestLoggingInterceptor())
			.addNetworkInterceptor(new ConcurrencyHeaderInterceptor(domain));
		KintoneConnection.HttpProxy proxy = connection.proxy();
		if (proxy != null) {
			http.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())))
				.proxyAuthenticator(new ProxyCredentials(proxy));
		}
		KintoneConnection.ClientCertificate certificate = connection.clientCertificate();
		if (certificate != null) {
			ClientCertificates.apply(http, certificate, trust);
		}
		else {
			http.sslSocketFactory(trustOnly, trust);
		}
		return new OkHttpKintoneClient(http.build(), urls, connection.app(), json,
				new KintoneErrorMapper(json.mapper(), clock), domain);
	}

	/**
	 * Shuts down the HTTP client if this factory created it; clients it opened stop
	 * working.
	 */
	@Override
	public void close() {
		if (ownsHttpClient) {
			shared.dispatcher().executorService().shutdown();
			shared.connectionPool().evictAll();
		}
	}

}
