package io.kintonemigrator.emulator.fault;

import jakarta.servlet.ServletRequest;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;

/**
 * Closes a request's connection at the socket, bypassing HTTP: whatever the client has
 * not received yet never comes, so it sees a body shorter than its {@code Content-Length}
 * (a premature end of stream).
 */
final class ConnectionCutter {

	private ConnectionCutter() {
	}

	static void cut(ServletRequest request) {
		ServletContextRequest.getServletContextRequest(request)
			.getConnectionMetaData()
			.getConnection()
			.getEndPoint()
			.close();
	}

}
