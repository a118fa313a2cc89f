package io.kintonemigrator.config;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A {@code proxy} value as cli-kintone's {@code --proxy} takes it:
 * {@code http://[USER[:PASSWORD]@]HOST[:PORT]} (port 80 when left out). The user
 * information ends at the last {@code @} and the user at its first {@code :}, so a
 * password may hold both; {@code %XX} in them is decoded, as in any URL. Only
 * {@code http://} proxies: kintone's HTTPS travels encrypted through the proxy's
 * {@code CONNECT} tunnel. Problems never quote the value (it may hold the password).
 *
 * @param password null when the URL has none
 */
record ProxyUrl(String host, int port, @Nullable String username, @Nullable String password) {

	static final String FORM = "http://[USER:PASSWORD@]HOST:PORT";

	/**
	 * The proxy, or null with a one-line reason ({@link #problem}) naming the fix.
	 */
	static Parsed parse(String value) {
		String text = value.strip();
		String lower = text.toLowerCase(Locale.ROOT);
		if (lower.startsWith("https://")) {
			return Parsed.problem("an https:// proxy is not supported; give the proxy as " + FORM
					+ " (kintone's HTTPS still travels encrypted through it)");
		}
		if (!lower.startsWith("http://")) {
			return Parsed.problem("not a proxy URL; write it as " + FORM);
		}
		String rest = text.substring("http://".length());
		if (rest.endsWith("/")) {
			rest = rest.substring(0, rest.length() - 1);
		}
		int at = rest.lastIndexOf('@');
		String userInfo = at < 0 ? null : rest.substring(0, at);
		String hostPort = rest.substring(at + 1);
		if (hostPort.isEmpty() || hostPort.contains("/") || hostPort.contains("?") || hostPort.contains("#")) {
			return Parsed.problem("a proxy URL is the host and port only (no path); write it as " + FORM);
		}
		URI address;
		try {
			address = new URI("http://" + hostPort);
		}
		catch (URISyntaxException ex) {
			return Parsed.problem("the host and port are not valid; write the proxy as " + FORM);
		}
		if (address.getHost() == null) {
			return Parsed.problem("the host and port are not valid; write the proxy as " + FORM);
		}
		int port = address.getPort() < 0 ? 80 : address.getPort();
		String host = address.getHost().startsWith("[") ? address.getHost().substring(1, address.getHost().length() - 1)
				: address.getHost();
		if (userInfo == null) {
			return new Parsed(new ProxyUrl(host, port, null, null), null);
		}
		int colon = userInfo.indexOf(':');
		String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
		String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
		if (user == null || (colon >= 0 && password == null)) {
			return Parsed.problem("the user or password holds a '%' that is not followed by two hex digits;"
					+ " write '%' as %25 (or put the password in proxyPasswordFile)");
		}
		if (user.isBlank()) {
			return Parsed.problem("the user before '@' is empty; write it as " + FORM);
		}
		return new Parsed(new ProxyUrl(host, port, user, password), null);
	}

	/** {@code host:port}, what a problem may name. */
	String address() {
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	/** Percent-decoding as in URLs ({@code +} stays); null for a broken escape. */
	private static @Nullable String decode(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			int c = text.codePointAt(i);
			if (c != '%') {
				bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
				i += Character.charCount(c) - 1;
				continue;
			}
			if (i + 2 >= text.length() || !HexFormat.isHexDigit(text.charAt(i + 1))
					|| !HexFormat.isHexDigit(text.charAt(i + 2))) {
				return null;
			}
			bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
			i += 2;
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** A parsed proxy, or the problem that kept it from being one. */
	record Parsed(@Nullable ProxyUrl proxy, @Nullable String problem) {

		static Parsed problem(String problem) {
			return new Parsed(null, problem);
		}

	}

}
