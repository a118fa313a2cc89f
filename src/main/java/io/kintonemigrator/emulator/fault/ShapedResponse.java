package io.kintonemigrator.emulator.fault;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response whose body goes through a {@link ShapedOutputStream}: throttled to a
 * bandwidth cap and, for an injected connection reset, cut half-way through its declared
 * length. Used by one request thread.
 */
final class ShapedResponse extends HttpServletResponseWrapper {

	private final long bytesPerSecond;

	private final Runnable cutConnection;

	private final boolean cut;

	private long declaredLength = -1;

	private ShapedOutputStream stream;

	/**
	 * @param bytesPerSecond the bandwidth cap, 0 = none
	 * @param cut whether to cut the body
	 * @param cutConnection closes the connection abruptly (called once, after the bytes
	 * before the cut are flushed)
	 */
	ShapedResponse(HttpServletResponse response, long bytesPerSecond, boolean cut, Runnable cutConnection) {
		super(response);
		this.bytesPerSecond = bytesPerSecond;
		this.cut = cut;
		this.cutConnection = cutConnection;
	}

	@Override
	public void setContentLength(int length) {
		this.declaredLength = length;
		super.setContentLength(length);
	}

	@Override
	public void setContentLengthLong(long length) {
		this.declaredLength = length;
		super.setContentLengthLong(length);
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new ShapedOutputStream(super.getOutputStream(), this.bytesPerSecond,
					this.cut ? () -> this.declaredLength : null, this.cutConnection);
		}
		return this.stream;
	}

	@Override
	public PrintWriter getWriter() {
		throw new UnsupportedOperationException("the emulator writes bodies as bytes");
	}

	/** Whether the body was cut (false if the answer had no body to cut). */
	boolean wasCut() {
		return this.stream != null && this.stream.wasCut();
	}

}
