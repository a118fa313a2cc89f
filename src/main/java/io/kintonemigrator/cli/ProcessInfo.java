package io.kintonemigrator.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host name this process reports as its own in lock messages. */
final class ProcessInfo {

	private ProcessInfo() {
	}

	static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return System.getenv().getOrDefault("HOSTNAME", "unknown-host");
		}
	}

}
