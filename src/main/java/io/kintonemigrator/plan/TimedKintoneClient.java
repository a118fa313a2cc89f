package io.kintonemigrator.plan;

import io.kintonemigrator.kintone.ForwardingKintoneClient;

import io.kintonemigrator.kintone.FileBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.UpdatedRecord;

/**
 * Measures how long each call of another client takes, so {@code plan} can estimate with
 * the latency it saw itself. Calls that write are refused: the planner must never send
 * one. Does not close the client it wraps. Thread-safe.
 */
public final class TimedKintoneClient extends ForwardingKintoneClient {

	private final List<Long> nanos = new ArrayList<>();

	public TimedKintoneClient(KintoneClient delegate) {
		super(delegate);
	}

	/** The durations measured so far, in nanoseconds. */
	public synchronized List<Long> samples() {
		return List.copyOf(nanos);
	}

	@Override
	protected <T> T around(Request request, Supplier<T> call) {
		long start = System.nanoTime();
		try {
			return call.get();
		}
		finally {
			long elapsed = System.nanoTime() - start;
			synchronized (this) {
				nanos.add(elapsed);
			}
		}
	}

	@Override
	public List<UpdatedRecord> updateRecords(List<RecordUpdate> updates) {
		throw new UnsupportedOperationException("the planner writes nothing");
	}

	@Override
	public FileKey upload(FileBuffer source, String fileName, String contentType) {
		throw new UnsupportedOperationException("the planner writes nothing");
	}

	@Override
	public void close() {
		// the caller closes the client it gave
	}

}
