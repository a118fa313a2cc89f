package io.kintonemigrator.emulator.api;

import io.kintonemigrator.emulator.store.WriteTransaction;

import org.jspecify.annotations.Nullable;

/**
 * The write transaction of one request, opened on first use. A bulk request shares one
 * scope between its sub-requests so they commit or roll back together. Whoever creates
 * the scope ends it with {@link #commit()} or {@link #close()}.
 */
public final class TransactionScope implements AutoCloseable {

	private final ApiContext context;

	private @Nullable WriteTransaction transaction;

	public TransactionScope(ApiContext context) {
		this.context = context;
	}

	WriteTransaction get() {
		WriteTransaction current = this.transaction;
		if (current == null) {
			current = this.context.store().beginWrite();
			this.transaction = current;
		}
		return current;
	}

	public void commit() {
		if (this.transaction != null) {
			this.transaction.commit();
			this.transaction = null;
		}
	}

	/** Rolls back whatever was not committed. */
	@Override
	public void close() {
		if (this.transaction != null) {
			this.transaction.close();
			this.transaction = null;
		}
	}

}
