package io.kintonemigrator.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * For emulator request filters: a response whose body is kept in memory (for small JSON
 * answers) instead of reaching the client, so a test can send it later
 * ({@link #release()}) or never (close the connection instead, as a network failure
 * would).
 */
public final class HeldResponse extends HttpServletResponseWrapper {

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	private final ServletOutputStream stream = new ServletOutputStream() {

		@Override
		public void write(int b) {
			body.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			body.write(bytes, offset, length);
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			throw new UnsupportedOperationException();
		}

	};

	public HeldResponse(HttpServletResponse response) {
		super(response);
	}

	@Override
	public ServletOutputStream getOutputStream() {
		return stream;
	}

	@Override
	public void setContentLength(int length) {
	}

	@Override
	public void setContentLengthLong(long length) {
	}

	@Override
	public void flushBuffer() {
	}

	/** Sends the held body to the client now. */
	public void release() throws IOException {
		HttpServletResponse response = (HttpServletResponse) getResponse();
		response.setContentLengthLong(body.size());
		body.writeTo(response.getOutputStream());
		response.flushBuffer();
	}

}
