package io.kintonemigrator.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a base URL's host is this machine, so plain {@code http} to it never crosses a
 * network: {@code localhost}, {@code *.localhost}, {@code 127.0.0.0/8} and {@code [::1]}.
 * Literal names only; nothing is resolved.
 */
final class LocalHosts {

	private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private LocalHosts() {
	}

	static boolean isLocal(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		if (h.startsWith("[") && h.endsWith("]")) {
			h = h.substring(1, h.length() - 1);
		}
		return h.equals("localhost") || h.endsWith(".localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("::1")
				|| h.equals("0:0:0:0:0:0:0:1");
	}

}
