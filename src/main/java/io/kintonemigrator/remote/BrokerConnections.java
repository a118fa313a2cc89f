package io.kintonemigrator.remote;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;

/**
 * Connections to the broker: Spring Boot's {@code spring.artemis.broker-url},
 * {@code .user} and {@code .password} ({@code tcp://localhost:61616} unless set), or the
 * manager's embedded broker.
 */
final class BrokerConnections {

	static final String DEFAULT_URL = "tcp://localhost:61616";

	private BrokerConnections() {
	}

	/** The broker the properties name. */
	static ActiveMQConnectionFactory external(ArtemisProperties properties) {
		String url = properties.getBrokerUrl() != null ? properties.getBrokerUrl() : DEFAULT_URL;
		return new ActiveMQConnectionFactory(url, properties.getUser(), properties.getPassword());
	}

	/**
	 * A worker's connection: it takes one request at a time from the queue
	 * ({@code consumerWindowSize=0}), so a request waits in the queue for the next free
	 * worker instead of in the buffer of a busy one.
	 */
	static ConnectionFactory forWorker(ArtemisProperties properties) {
		ActiveMQConnectionFactory factory = external(properties);
		factory.setConsumerWindowSize(0);
		return factory;
	}

	/** Host and port of a broker URL, for logs: never its query or credentials. */
	static String describe(@Nullable String url) {
		String address = url != null ? url : DEFAULT_URL;
		int query = address.indexOf('?');
		return (query < 0 ? address : address.substring(0, query)).replaceAll("//[^@/]*@", "//");
	}

}
