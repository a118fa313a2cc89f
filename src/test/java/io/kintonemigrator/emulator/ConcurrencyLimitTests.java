package io.kintonemigrator.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.EmulatorHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kintone-api.md §7 (checklist 17): more requests in flight than the limit get 429
 * {@code GAIA_TO04}.
 */
class ConcurrencyLimitTests {

	KintoneEmulator emulator;

	ExecutorService executor = Executors.newCachedThreadPool();

	CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void start() {
		this.emulator = KintoneEmulator.builder().seed(TestSeeds.contracts()).concurrencyLimit(2).start();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.release.countDown();
		this.executor.shutdown();
		this.executor.awaitTermination(30, TimeUnit.SECONDS);
		this.emulator.close();
	}

	/**
	 * An upload whose body stays open until {@link #release}: a request held in flight.
	 */
	private CompletableFuture<Integer> heldUpload() {
		return CompletableFuture.supplyAsync(() -> {
			try {
				HttpURLConnection connection = (HttpURLConnection) this.emulator.baseUrl()
					.resolve("/k/v1/file.json")
					.toURL()
					.openConnection();
				connection.setRequestMethod("POST");
				connection.setDoOutput(true);
				connection.setChunkedStreamingMode(16);
				connection.setRequestProperty("X-Cybozu-API-Token", TestSeeds.ALL);
				connection.setRequestProperty("Content-Type", "multipart/form-data; boundary=b");
				try (OutputStream out = connection.getOutputStream()) {
					out.write("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
						.getBytes(StandardCharsets.UTF_8));
					out.flush();
					this.release.await();
					out.write("x\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
				}
				return connection.getResponseCode();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}, this.executor);
	}

	@Test
	void aRequestBeyondTheLimitIsRejectedWhileTheOthersFinish() {
		List<CompletableFuture<Integer>> held = new ArrayList<>(List.of(heldUpload(), heldUpload()));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.emulator.stats().inFlight() == 2);

		Reply rejected = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL)
			.get("/k/v1/record.json?app=1&id=1", "Accept-Language", "en");

		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.code()).isEqualTo("GAIA_TO04");
		assertThat(rejected.json().get("message").asString())
			.isEqualTo("The number of concurrent API requests exceeds the limit.");
		assertThat(rejected.header("X-Cybozu-Error")).isEqualTo("GAIA_TO04");
		assertThat(rejected.header("X-ConcurrencyLimit-Limit")).isEqualTo("2");
		assertThat(rejected.header("X-ConcurrencyLimit-Running")).isEqualTo("3");
		assertThat(rejected.header("Retry-After")).isNull();

		this.release.countDown();
		assertThat(held).allSatisfy((upload) -> assertThat(upload.join()).isEqualTo(200));
		assertThat(this.emulator.stats().peakInFlight()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.emulator.stats().inFlight() == 0);
		assertThat(new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL)
			.get("/k/v1/record.json?app=1&id=1")
			.status()).isEqualTo(200);
	}

	@Test
	void theRunningHeaderCountsRequestsInFlight() {
		CompletableFuture<Integer> held = heldUpload();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.emulator.stats().inFlight() == 1);

		Reply reply = new EmulatorHttp(this.emulator.baseUrl()).withToken(TestSeeds.ALL)
			.get("/k/v1/record.json?app=1&id=1");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("X-ConcurrencyLimit-Running")).isEqualTo("2");
		this.release.countDown();
		assertThat(held.join()).isEqualTo(200);
	}

}
