package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneException;
import io.kintonemigrator.kintone.KintoneTransportException;
import io.kintonemigrator.testsupport.TestClock;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KintoneErrorMapperTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-03-02T00:00:00Z"));

	private final KintoneErrorMapper mapper = new KintoneErrorMapper(new KintoneJson().mapper(), clock);

	private static Response response(int status, String reason, String contentType, String body, String... headers) {
		Response.Builder builder = new Response.Builder()
			.request(new Request.Builder().url("https://example.cybozu.com/k/v1/records.json").build())
			.protocol(Protocol.HTTP_1_1)
			.code(status)
			.message(reason)
			.header("Content-Type", contentType)
			.body(ResponseBody.create(body, MediaType.get(contentType)));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder.build();
	}

	private static String kintoneError(String code, String message) {
		return "{\"code\":\"" + code + "\",\"id\":\"aBc8xyRm9kiFutkr90f1\",\"message\":\"" + message + "\"}";
	}

	@Test
	void aValidationErrorCarriesCodeIdMessageAndFieldErrorsAndIsNotRetryable() {
		String body = "{\"code\":\"CB_VA01\",\"id\":\"aBc8xyRm9kiFutkr90f1\",\"message\":\"入力内容が正しくありません。\","
				+ "\"errors\":{\"records[0].att.values\":{\"messages\":[\"必須です。\"]},\"records\":{\"messages\":[\"a\",\"b\"]}}}";

		KintoneApiException ex = mapper.toException("update records",
				response(400, "Bad Request", "application/json;charset=utf-8", body));

		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.code()).isEqualTo("CB_VA01");
		assertThat(ex.errorId()).isEqualTo("aBc8xyRm9kiFutkr90f1");
		assertThat(ex.fieldErrors()).containsEntry("records[0].att.values", List.of("必須です。"))
			.containsEntry("records", List.of("a", "b"));
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).isEqualTo("update records failed: HTTP 400 CB_VA01 入力内容が正しくありません。");
	}

	@ParameterizedTest(name = "HTTP {0} {1} retryable={2}")
	@CsvSource({ "429, GAIA_TO04, true", "400, GAIA_DA02, true", "520, GAIA_DA02, true", "400, GAIA_RE18, true",
			"500, GAIA_UN03, true", "502, GAIA_XX01, true", "503, GAIA_XX01, true", "504, GAIA_XX01, true",
			"404, GAIA_BL01, false", "404, GAIA_RE01, false", "404, GAIA_AP01, false", "400, GAIA_IA02, false",
			"401, CB_AU01, false", "401, CB_WA01, false", "403, CB_NO02, false", "403, GAIA_NO01, false",
			"409, GAIA_CO02, false", "400, GAIA_QU01, false", "520, CB_IL02, false", "400, GAIA_IF02, false" })
	void onlyFailuresThatCanSucceedLaterAreRetryable(int status, String code, boolean retryable) {
		KintoneApiException ex = mapper.toException("op",
				response(status, "x", "application/json", kintoneError(code, "m")));

		assertThat(ex.code()).isEqualTo(code);
		assertThat(ex.isRetryable()).isEqualTo(retryable);
	}

	@Test
	void aFailedBulkRequestIsTheErrorOfItsFailedSubRequestWithItsIndex() {
		String body = "{\"results\":[{}," + kintoneError("GAIA_CO02", "The revision is not the latest.") + ",{}]}";

		KintoneApiException conflict = mapper.toException("update records",
				response(409, "Conflict", "application/json;charset=utf-8", body));
		KintoneApiException locked = mapper.toException("update records", response(400, "Bad Request",
				"application/json", "{\"results\":[" + kintoneError("GAIA_DA02", "lock") + "]}"));

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.code()).isEqualTo("GAIA_CO02");
		assertThat(conflict.errorId()).isEqualTo("aBc8xyRm9kiFutkr90f1");
		assertThat(conflict.isRetryable()).isFalse();
		assertThat(conflict.getMessage()).contains("The revision is not the latest. (bulk sub-request 2 of 3;"
				+ " nothing of the bulk request was applied)");
		assertThat(locked.code()).isEqualTo("GAIA_DA02");
		assertThat(locked.isRetryable()).isTrue();
	}

	@Test
	void aPlainTextMaintenance503IsRetryableAndHasNoKintoneCode() {
		KintoneApiException ex = mapper.toException("get records",
				response(503, "Service Unavailable", "text/plain", "Service Unavailable"));

		assertThat(ex.status()).isEqualTo(503);
		assertThat(ex.code()).isNull();
		assertThat(ex.errorId()).isNull();
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).contains("HTTP 503").contains("non-JSON").contains("text/plain");
	}

	@Test
	void anHtmlErrorPageIsHandledWithoutQuotingTheBody() {
		KintoneApiException ex = mapper.toException("get records", response(502, "Bad Gateway", "text/html",
				"<html><body><h1>502 Bad Gateway</h1><p>secret-looking text</p></body></html>"));

		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.code()).isNull();
		assertThat(ex.getMessage()).doesNotContain("secret-looking").doesNotContain("<html>");
	}

	@Test
	void aHugeOrBrokenJsonBodyIsReadOnlyInPartAndStillMapped() {
		String huge = "{\"code\":\"GAIA_XX\",\"message\":\"" + "x".repeat(KintoneErrorMapper.MAX_ERROR_BODY * 2)
				+ "\"}";

		KintoneApiException ex = mapper.toException("op",
				response(500, "Internal Server Error", "application/json", huge));

		assertThat(ex.code()).isNull();
		assertThat(ex.isRetryable()).isTrue();
		assertThat(mapper.toException("op", response(400, "Bad Request", "application/json", "{\"code\":")).code())
			.isNull();
	}

	@Test
	void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
		KintoneApiException seconds = mapper.toException("op", response(429, "Too Many Requests", "application/json",
				kintoneError("GAIA_TO04", "busy"), "Retry-After", "7"));
		KintoneApiException date = mapper.toException("op", response(503, "Service Unavailable", "text/plain", "down",
				"Retry-After", "Mon, 02 Mar 2026 00:01:30 GMT"));
		KintoneApiException none = mapper.toException("op",
				response(429, "Too Many Requests", "application/json", kintoneError("GAIA_TO04", "busy")));

		assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(date.retryAfter()).isEqualTo(Duration.ofSeconds(90));
		assertThat(none.retryAfter()).isNull();
		assertThat(mapper.retryAfter("soon")).isNull();
		assertThat(mapper.retryAfter("-3")).isNull();
	}

	@Test
	void anIoErrorStaysDistinguishableAndIsRetryable() {
		IOException timeout = new SocketTimeoutException("timeout");

		KintoneException ex = mapper.toException("download file k", timeout);

		assertThat(ex).isInstanceOf(KintoneTransportException.class).isNotInstanceOf(KintoneApiException.class);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getCause()).isSameAs(timeout);
	}

	@Test
	void aBasicChallengeSaysThatTheGateInFrontOfKintoneRefusedAndNamesTheKeys() {
		KintoneApiException gate = mapper.toException("get app 1", response(401, "Unauthorized", "text/html",
				"<html>401 Authorization Required</html>", "WWW-Authenticate", "Basic realm=\"kintone\""));
		KintoneApiException kintone = mapper.toException("get app 1",
				response(401, "Unauthorized", "application/json", kintoneError("CB_WA01", "password wrong")));

		assertThat(gate).hasMessageContaining("the Basic authentication in front of kintone refused the request")
			.hasMessageContaining("basicAuthUsername and basicAuthPassword");
		assertThat(gate.isRetryable()).isFalse();
		assertThat(kintone).hasMessageNotContaining("Basic authentication");
	}

	@Test
	void tlsFailuresNameTheirFixAndStayRetryableTransportErrors() {
		SSLHandshakeException refused = new SSLHandshakeException("Received fatal alert: bad_certificate");
		SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
		untrusted.initCause(new CertPathValidatorException("no trust anchor"));

		KintoneException byServer = mapper.toException("get app 1", refused);
		KintoneException byUs = mapper.toException("get app 1", untrusted);

		assertThat(byServer).isInstanceOf(KintoneTransportException.class)
			.hasMessageContaining("TLS: the server refused the handshake (Received fatal alert: bad_certificate)")
			.hasMessageContaining("give pfxFilePath and pfxFilePassword");
		assertThat(byServer.getCause()).isSameAs(refused);
		assertThat(byUs).hasMessageContaining("the server's certificate is not trusted by this Java")
			.hasMessageContaining("-Djavax.net.ssl.trustStore");
		assertThat(byUs.isRetryable()).isTrue();
	}

	@Test
	void aProxyThatRefusedItsCredentialsIsA407ThatRetryingCannotHelp() {
		KintoneException ex = mapper.toException("get app 1",
				new ProxyCredentials.ProxyRefusedException("the proxy p:8080 refused the user 'u'"));

		assertThat(ex).isInstanceOf(KintoneApiException.class)
			.hasMessage("get app 1 failed: HTTP 407 the proxy p:8080 refused the user 'u'");
		assertThat(((KintoneApiException) ex).status()).isEqualTo(407);
		assertThat(ex.isRetryable()).isFalse();
	}

}
