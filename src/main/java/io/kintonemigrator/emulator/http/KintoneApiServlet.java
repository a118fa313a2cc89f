package io.kintonemigrator.emulator.http;

import java.io.IOException;
import java.util.Set;

import io.kintonemigrator.emulator.api.ApiCall;
import io.kintonemigrator.emulator.api.ApiContext;
import io.kintonemigrator.emulator.api.ApiException;
import io.kintonemigrator.emulator.api.ApiPath;
import io.kintonemigrator.emulator.api.ApiRegistry;
import io.kintonemigrator.emulator.api.Authenticator;
import io.kintonemigrator.emulator.api.BulkRequestFailure;
import io.kintonemigrator.emulator.api.JsonApi;
import io.kintonemigrator.emulator.api.Params;
import io.kintonemigrator.emulator.api.Principal;
import io.kintonemigrator.emulator.api.TransactionScope;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes every kintone path to its API: resolves the effective method ({@code POST} +
 * {@code X-HTTP-Method-Override}, upper case only), parameters, caller, then runs the
 * handler in a transaction that commits only when it succeeds. Unknown paths and methods
 * get a plain 404, as kintone's web server answers them. Thread-safe.
 */
final class KintoneApiServlet extends HttpServlet {

	private static final Set<String> OVERRIDES = Set.of("GET", "POST", "PUT", "DELETE");

	private final transient ApiContext context;

	private final transient ApiRegistry registry = new ApiRegistry();

	private final transient Authenticator authenticator;

	private final transient JsonResponses responses;

	private final transient FileUploadEndpoint uploads;

	private final transient FileDownloadEndpoint downloads = new FileDownloadEndpoint();

	KintoneApiServlet(ApiContext context, JsonResponses responses) {
		this.context = context;
		this.authenticator = new Authenticator(context.store());
		this.responses = responses;
		this.uploads = new FileUploadEndpoint(context);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ApiPath path = ApiPath.parse(request.getRequestURI());
		String method = effectiveMethod(request);
		request.setAttribute(RequestAttributes.EFFECTIVE_METHOD, method);
		boolean file = path != null && path.api().equals("file") && (method.equals("GET") || method.equals("POST"));
		JsonApi handler = (path != null) ? this.registry.find(method, path.api()) : null;
		if (path == null || (handler == null && !file)) {
			RequestAccounting.beforeAnswer(request, HttpServletResponse.SC_NOT_FOUND);
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		request.setAttribute(RequestAttributes.API, path.api());
		try (TransactionScope transaction = new TransactionScope(this.context)) {
			if (file && method.equals("POST")) {
				this.authenticator.authenticate(new ServletRequestHeaders(request));
				this.uploads.handle(request, response);
				return;
			}
			Params params = RequestParamsParser.parse(request);
			Principal principal = this.authenticator.authenticate(new ServletRequestHeaders(request));
			ApiCall call = new ApiCall(method, path.api(), path.guestSpaceId(), params, principal, this.context,
					transaction, (app) -> {
						if (request.getAttribute(RequestAttributes.APP) == null) {
							request.setAttribute(RequestAttributes.APP, app);
						}
					});
			if (file) {
				this.downloads.handle(call, request, response);
				return;
			}
			ObjectNode result = handler.handle(call);
			transaction.commit();
			JsonResponses.write(request, response, 200, result);
		}
		catch (ApiException ex) {
			if (!response.isCommitted()) {
				this.responses.writeError(request, response, ex);
			}
		}
		catch (BulkRequestFailure ex) {
			this.responses.writeBulkFailure(request, response, ex);
		}
	}

	private static String effectiveMethod(HttpServletRequest request) {
		String override = request.getHeader("X-HTTP-Method-Override");
		if ("POST".equals(request.getMethod()) && override != null && OVERRIDES.contains(override)) {
			return override;
		}
		return request.getMethod();
	}

}
