package io.kintonemigrator.emulator.http;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * HTTPS for the emulator, as a kintone domain has it: the server's key and certificate in
 * a PKCS#12 key store and, for a Secure Access host, the certificates of the clients it
 * accepts (a handshake without one of them is refused).
 *
 * @param keyStore PKCS#12 file with the server's private key and certificate
 * @param password the key store's (and its key's) password
 * @param clientTrustStore PKCS#12 file with the client certificates (or their CA) to
 * demand; null: no client certificate is asked for
 * @param clientTrustStorePassword its password; null exactly when
 * {@code clientTrustStore} is
 */
public record TlsSettings(Path keyStore, String password, @Nullable Path clientTrustStore,
		@Nullable String clientTrustStorePassword) {

	public TlsSettings {
		if ((clientTrustStore == null) != (clientTrustStorePassword == null)) {
			throw new IllegalArgumentException("a client trust store needs its password, and a password its store");
		}
	}

	/** HTTPS without client certificates. */
	public static TlsSettings serverOnly(Path keyStore, String password) {
		return new TlsSettings(keyStore, password, null, null);
	}

	/** HTTPS that demands a client certificate from {@code clientTrustStore}. */
	public static TlsSettings demandingClientCertificates(Path keyStore, String password, Path clientTrustStore,
			String clientTrustStorePassword) {
		return new TlsSettings(keyStore, password, clientTrustStore, clientTrustStorePassword);
	}

	@Override
	public String toString() {
		return "TlsSettings[keyStore=" + keyStore + ", clientTrustStore=" + clientTrustStore + "]";
	}

}
