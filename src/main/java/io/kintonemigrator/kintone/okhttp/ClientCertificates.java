package io.kintonemigrator.kintone.okhttp;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.kintonemigrator.kintone.KintoneConnection.ClientCertificate;
import okhttp3.OkHttpClient;

/**
 * Presents a PKCS#12 client certificate (kintone Secure Access) while trusting the JDK's
 * usual CAs (or a given trust manager).
 */
final class ClientCertificates {

	private ClientCertificates() {
	}

	/**
	 * @throws IllegalArgumentException when the file cannot be read or opened with its
	 * password ({@link ClientCertificate#open()})
	 */
	static void apply(OkHttpClient.Builder builder, ClientCertificate certificate, X509TrustManager trust) {
		KeyStore keys = certificate.open();
		char[] password = certificate.password().reveal().toCharArray();
		try {
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, password);
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(keyManagers.getKeyManagers(), new TrustManager[] { trust }, null);
			builder.sslSocketFactory(tls.getSocketFactory(), trust);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("cannot use the key in client certificate '" + certificate.pkcs12File()
					+ "' (" + ex.getClass().getSimpleName()
					+ "); give a .pfx/.p12 file whose key has the file's password", null);
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	/**
	 * TLS trusting {@code trust}, without a client certificate: the factory makes it
	 * once, so that its clients share connections.
	 */
	static SSLSocketFactory trusting(X509TrustManager trust) {
		try {
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(null, new TrustManager[] { trust }, null);
			return tls.getSocketFactory();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("this JVM offers no TLS", ex);
		}
	}

	/** The JDK's default trust manager (its CA certificates). */
	static X509TrustManager systemTrust() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					return x509;
				}
			}
			throw new IllegalStateException("the JDK offers no X509TrustManager");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot load the JDK's trusted certificates", ex);
		}
	}

}
