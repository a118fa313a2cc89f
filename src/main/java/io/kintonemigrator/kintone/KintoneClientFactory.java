package io.kintonemigrator.kintone;

/** Opens clients; one factory shares its connection pool between all clients it opens. */
public interface KintoneClientFactory {

	/**
	 * @throws IllegalArgumentException when the connection settings are invalid (e.g.
	 * http to a remote host)
	 */
	KintoneClient open(KintoneConnection connection);

}
