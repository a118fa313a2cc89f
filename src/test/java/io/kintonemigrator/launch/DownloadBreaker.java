package io.kintonemigrator.launch;

import java.io.IOException;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.AttachedFile;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

/**
 * An emulator request filter that answers 503 to every download of a file attached to a source
 * record after {@code lastWorkingRecord}, until healed: the chunks up to that record migrate and the
 * next one fails, in whatever order the transfers run (the job moves the next chunk's files while a
 * chunk finishes). Give it the emulator once started ({@link #watch}).
 */
final class DownloadBreaker implements Filter {

	private final long lastWorkingRecord;

	private volatile @Nullable KintoneEmulator emulator;

	private volatile boolean healed;

	DownloadBreaker(long lastWorkingRecord) {
		this.lastWorkingRecord = lastWorkingRecord;
	}

	KintoneEmulator watch(KintoneEmulator emulator) {
		this.emulator = emulator;
		return emulator;
	}

	void heal() {
		healed = true;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		KintoneEmulator watched = emulator;
		if (!healed && watched != null && "GET".equals(http.getMethod()) && http.getRequestURI().endsWith("/file.json")) {
			String key = http.getParameter("fileKey");
			AttachedFile file = key == null ? null : watched.store().attachedFile(key);
			if (file != null && file.recordId() > lastWorkingRecord) {
				((HttpServletResponse) response).sendError(503, "download refused by the test");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
