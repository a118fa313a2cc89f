package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

/**
 * What a failed TLS handshake means for the user: the server's certificate is not trusted
 * by this JVM, or the server refused our client certificate (or wanted one). The text
 * names the fix; it never quotes a certificate's content.
 */
final class TlsFailures {

	/** TLS alerts a server sends when it wants a client certificate it accepts. */
	private static final Set<String> CLIENT_CERTIFICATE_ALERTS = Set.of("certificate_required", "bad_certificate",
			"unknown_ca", "certificate_unknown", "certificate_expired", "certificate_revoked",
			"unsupported_certificate", "access_denied");

	private TlsFailures() {
	}

	/** The explanation, or null when {@code failure} is not a TLS failure. */
	static @Nullable String explain(IOException failure) {
		if (!(failure instanceof SSLException tls)) {
			return null;
		}
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof CertPathValidatorException || t instanceof CertPathBuilderException
					|| t instanceof CertificateException) {
				return "TLS: the server's certificate is not trusted by this Java (" + tls.getClass().getSimpleName()
						+ "); for a private CA, start Java with -Djavax.net.ssl.trustStore=FILE"
						+ " (a trust store holding that CA)";
			}
		}
		String message = String.valueOf(tls.getMessage());
		String lower = message.toLowerCase(Locale.ROOT);
		if (lower.startsWith("received fatal alert: ")
				&& CLIENT_CERTIFICATE_ALERTS.contains(lower.substring("received fatal alert: ".length()).strip())) {
			return "TLS: the server refused the handshake (" + message
					+ "); it wants a client certificate it accepts: give pfxFilePath and pfxFilePassword";
		}
		return "TLS with the server failed (" + tls.getClass().getSimpleName() + ": " + message + ")";
	}

}
