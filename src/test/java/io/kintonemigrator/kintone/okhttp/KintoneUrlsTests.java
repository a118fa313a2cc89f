package io.kintonemigrator.kintone.okhttp;

import java.net.URI;
import java.util.List;

import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.Secret;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KintoneUrlsTests {

	private static KintoneConnection connection(String baseUrl, @Nullable Long guestSpace, boolean allowHttp) {
		return new KintoneConnection(URI.create(baseUrl), new AppId(1), guestSpace,
				new KintoneConnection.Credentials.ApiTokens(List.of(new Secret("t"))), null, null, null,
				KintoneConnection.Timeouts.defaults(), allowHttp);
	}

	@Test
	void buildsTheNormalAndTheGuestSpacePaths() {
		assertThat(KintoneUrls.of(connection("https://example.cybozu.com", null, false)).api("records.json").build())
			.hasToString("https://example.cybozu.com/k/v1/records.json");
		assertThat(KintoneUrls.of(connection("https://example.cybozu.com/", 3L, false))
			.api("app/form/fields.json")
			.build()).hasToString("https://example.cybozu.com/k/guest/3/v1/app/form/fields.json");
	}

	@Test
	void plainHttpIsAcceptedOnlyForLoopbackUnlessAllowed() {
		assertThat(KintoneUrls.of(connection("http://localhost:8080", null, false)).authority())
			.isEqualTo("localhost:8080");
		assertThat(KintoneUrls.of(connection("http://127.0.0.1:8080", null, false)).authority())
			.isEqualTo("127.0.0.1:8080");
		assertThat(KintoneUrls.of(connection("http://[::1]:8080", null, false)).authority()).isEqualTo("::1:8080");
		assertThatThrownBy(() -> KintoneUrls.of(connection("http://example.cybozu.com", null, false)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("use https")
			.hasMessageContaining("allowInsecureHttp");
		assertThat(KintoneUrls.of(connection("http://proxy.internal", null, true)).host()).isEqualTo("proxy.internal");
	}

	@Test
	void aBaseUrlWithAPathOrAnotherSchemeIsRefusedWithTheFix() {
		assertThatThrownBy(() -> KintoneUrls.of(connection("https://example.cybozu.com/k/12/", null, false)))
			.hasMessageContaining("domain only")
			.hasMessageContaining("https://example.cybozu.com");
		assertThatThrownBy(() -> KintoneUrls.of(connection("ftp://example.cybozu.com", null, false)))
			.hasMessageContaining("not an http(s) URL");
		assertThatThrownBy(() -> KintoneUrls.of(connection("https://example.cybozu.com", 0L, false)))
			.hasMessageContaining("guest space id must be positive");
	}

}
