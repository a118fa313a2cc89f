package io.kintonemigrator.migration;

import java.util.Map;

import io.kintonemigrator.kintone.KintoneApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which refusals fail the run (access) and which skip one record (permanent).
 */
class FailuresTests {

	@Test
	void aProxyRefusingItsCredentialsMidRunFailsTheRunInsteadOfSkippingRecords() {
		KintoneApiException proxyRefused = refusal(407, null);

		assertThat(Failures.accessRefusal(new IllegalStateException("chunk failed", proxyRefused)))
			.isSameAs(proxyRefused);
		assertThat(Failures.isPermanent(proxyRefused)).isFalse();
	}

	@Test
	void aRecordKintoneRefusesIsPermanentButNoAccessRefusal() {
		KintoneApiException badRecord = refusal(400, "CB_VA01");

		assertThat(Failures.accessRefusal(badRecord)).isNull();
		assertThat(Failures.isPermanent(badRecord)).isTrue();
	}

	private static KintoneApiException refusal(int status, String code) {
		return new KintoneApiException("PUT records", status, code, null, "refused", Map.of(), false, null);
	}

}
