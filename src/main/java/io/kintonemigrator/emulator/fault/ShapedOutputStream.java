package io.kintonemigrator.emulator.fault;

import java.io.InterruptedIOException;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.jspecify.annotations.Nullable;

/**
 * Passes a response body on at no more than a given number of bytes per second (measured
 * from the first byte, sleeping the writing thread), and optionally cuts it: once half
 * the declared length (or half of the first write, if no length was declared) has been
 * written, the bytes so far are flushed, the connection is closed and
 * {@link InjectedResetException} ends the request. Used by one request thread.
 */
final class ShapedOutputStream extends ServletOutputStream {

	/**
	 * Throttled writes go out in slices of about 1/50 s of bandwidth, so the pace is
	 * smooth.
	 */
	private static final int SLICES_PER_SECOND = 50;

	private final ServletOutputStream delegate;

	private final long bytesPerSecond;

	private final @Nullable LongSupplier declaredLength;

	private final Runnable cutConnection;

	private long written;

	private long startNanos;

	private long cutAt = -1;

	private boolean cut;

	ShapedOutputStream(ServletOutputStream delegate, long bytesPerSecond, @Nullable LongSupplier declaredLength,
			Runnable cutConnection) {
		this.delegate = delegate;
		this.bytesPerSecond = bytesPerSecond;
		this.declaredLength = declaredLength;
		this.cutConnection = cutConnection;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		if (this.cut) {
			throw new InjectedResetException();
		}
		if (this.declaredLength != null && this.cutAt < 0) {
			long declared = this.declaredLength.getAsLong();
			this.cutAt = (declared >= 0) ? declared / 2 : Math.max(1, length / 2);
		}
		int position = offset;
		int end = offset + length;
		while (position < end) {
			int slice = end - position;
			if (this.bytesPerSecond > 0) {
				slice = (int) Math.min(slice, Math.max(1, this.bytesPerSecond / SLICES_PER_SECOND));
			}
			if (this.cutAt >= 0) {
				slice = (int) Math.min(slice, this.cutAt - this.written);
				if (slice <= 0) {
					cutNow();
				}
			}
			pace();
			this.delegate.write(bytes, position, slice);
			this.written += slice;
			position += slice;
		}
		if (this.cutAt >= 0 && this.written >= this.cutAt) {
			cutNow();
		}
	}

	private void cutNow() throws IOException {
		this.cut = true;
		this.delegate.flush();
		this.cutConnection.run();
		throw new InjectedResetException();
	}

	/** Sleeps until the bytes written so far are due at the capped rate. */
	private void pace() throws IOException {
		if (this.bytesPerSecond <= 0) {
			return;
		}
		long now = System.nanoTime();
		if (this.written == 0) {
			this.startNanos = now;
			return;
		}
		long due = this.startNanos + this.written * TimeUnit.SECONDS.toNanos(1) / this.bytesPerSecond;
		if (due > now) {
			try {
				TimeUnit.NANOSECONDS.sleep(due - now);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while throttling a response");
			}
		}
	}

	boolean wasCut() {
		return this.cut;
	}

	@Override
	public void flush() throws IOException {
		if (!this.cut) {
			this.delegate.flush();
		}
	}

	@Override
	public void close() throws IOException {
		if (!this.cut) {
			this.delegate.close();
		}
	}

	@Override
	public boolean isReady() {
		return this.delegate.isReady();
	}

	@Override
	public void setWriteListener(WriteListener listener) {
		this.delegate.setWriteListener(listener);
	}

}
