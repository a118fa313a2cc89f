package io.kintonemigrator.remote;

import java.net.URI;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ActiveMQ Artemis broker inside the manager JVM, for tests and a one-machine trial:
 * one TCP acceptor (on loopback unless told otherwise), no persistence (a request lost
 * with the broker fails its partition, and the manager's re-run sends it again), no
 * security and no JMX. Production runs an external broker ({@code spring.artemis.*}).
 */
final class EmbeddedBroker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedBroker.class);

	private final EmbeddedActiveMQ server;

	private final String url;

	private EmbeddedBroker(EmbeddedActiveMQ server, String url) {
		this.server = server;
		this.url = url;
	}

	/**
	 * Starts a broker accepting connections on {@code url}
	 * ({@code tcp://127.0.0.1:61616}).
	 * @throws IllegalStateException when it cannot start (e.g. the port is taken)
	 */
	static EmbeddedBroker start(String url) {
		URI address = URI.create(url);
		Configuration configuration = new ConfigurationImpl().setName("kam-embedded")
			.setPersistenceEnabled(false)
			.setSecurityEnabled(false)
			.setJMXManagementEnabled(false)
			.setCriticalAnalyzer(false)
			// a request that fails ten times lands there instead of in a warning per
			// queue
			.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
				.setExpiryAddress(SimpleString.of("ExpiryQueue")));
		try {
			configuration.addAcceptorConfiguration("tcp", url);
			EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration);
			server.start();
			logger.info("Embedded broker listening on {}:{}", address.getHost(), address.getPort());
			return new EmbeddedBroker(server, url);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the embedded broker on " + address.getHost() + ":"
					+ address.getPort() + ": " + ex.getMessage(), ex);
		}
	}

	/** Where clients connect. */
	String url() {
		return url;
	}

	@Override
	public void close() throws Exception {
		server.stop();
	}

}
