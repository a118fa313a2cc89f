package io.kintonemigrator.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a localhost port in front of the emulator, which a test can take down:
 * while down, its port refuses every connection and the connections it relayed are reset,
 * as when a server goes away; {@link #open()} serves the same port again. Thread-safe.
 */
final class TcpGate implements AutoCloseable {

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private int port;

	private volatile ServerSocket server;

	TcpGate(int targetPort) throws IOException {
		this.targetPort = targetPort;
		open();
	}

	int port() {
		return port;
	}

	/** Accepts and relays connections (on the port it had before, if any). */
	synchronized void open() throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		port = socket.getLocalPort();
		server = socket;
		Thread acceptor = new Thread(() -> accept(socket), "gate-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Stops listening (new connections are refused) and resets every open connection. */
	synchronized void shut() throws IOException {
		server.close();
		for (Socket socket : sockets) {
			try {
				socket.setSoLinger(true, 0); // RST, not FIN
				socket.close();
			}
			catch (IOException ex) {
				// its relay closed it meanwhile
			}
		}
		sockets.clear();
	}

	@Override
	public void close() throws IOException {
		shut();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				sockets.add(client);
				sockets.add(upstream);
				relay(client, upstream);
				relay(upstream, client);
			}
			catch (IOException ex) {
				// closed by shut(), or one connection failed: nothing to relay
			}
		}
	}

	private void relay(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// the other side or shut() closed the connection
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "gate-relay");
		thread.setDaemon(true);
		thread.start();
	}

	private void closeQuietly(Socket socket) {
		sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
