package io.kintonemigrator.ledger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Who a lock holder is, as its row in {@code KAM_JOB_LOCK} names it.
 *
 * @param host the host name
 * @param pid the process id
 * @param processSpace where {@code pid} means one process (null: unknown, so no holder is
 * ever taken for dead by its pid, only by its heartbeat)
 */
record ProcessIdentity(String host, long pid, @Nullable String processSpace) {

	/** This process: its host name and pid. */
	static ProcessIdentity current() {
		return new ProcessIdentity(localHost(), ProcessHandle.current().pid(), localProcessSpace());
	}

	/**
	 * Where a pid names one process: the Linux boot id and pid namespace ({@code /proc});
	 * containers on one machine share the boot id but not the namespace. Null elsewhere
	 * (no pid is then checked).
	 */
	static @Nullable String localProcessSpace() {
		try {
			String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
			String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
			return boot + "/" + namespace;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
	}

	private static String localHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return System.getenv().getOrDefault("HOSTNAME", "unknown-host");
		}
	}

}
