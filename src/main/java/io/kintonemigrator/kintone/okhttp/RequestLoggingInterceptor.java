package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each request at DEBUG: method, path, status and the time to the response headers.
 * Never headers, query parameters or bodies, so no credential and no file content can
 * reach a log.
 */
final class RequestLoggingInterceptor implements Interceptor {

	private static final Logger log = LoggerFactory.getLogger(OkHttpKintoneClient.class);

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		if (!log.isDebugEnabled()) {
			return chain.proceed(request);
		}
		String method = request.header("X-HTTP-Method-Override") != null
				? request.method() + "(" + request.header("X-HTTP-Method-Override") + ")" : request.method();
		long start = System.nanoTime();
		try {
			Response response = chain.proceed(request);
			log.debug("{} {} -> {} in {} ms", method, request.url().encodedPath(), response.code(), millisSince(start));
			return response;
		}
		catch (IOException ex) {
			log.debug("{} {} -> {} after {} ms", method, request.url().encodedPath(), ex.getClass().getSimpleName(),
					millisSince(start));
			throw ex;
		}
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
