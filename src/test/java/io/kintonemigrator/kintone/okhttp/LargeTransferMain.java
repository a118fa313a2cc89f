package io.kintonemigrator.kintone.okhttp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.resilience.ResilienceSettings;
import io.kintonemigrator.resilience.ResilientKintoneClientFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Run in a child JVM with a small heap by {@link LargeTransferTests}: uploads a file
 * through the production stack (resilient client over OkHttp), attaches it to a record,
 * downloads it again and prints
 * {@code OK <uploadMillis> <downloadMillis> <size> <sha256> <peakHeapBytes> <peakRss>}
 * (the peak resident set size as Linux reports it, or {@code n/a}).
 *
 * <p>
 * Arguments: base URL, API token, app, record id, FILE field, file to upload, file to
 * download into.
 */
public final class LargeTransferMain {

	private LargeTransferMain() {
	}

	public static void main(String[] args) throws Exception {
		URI baseUrl = URI.create(args[0]);
		long app = Long.parseLong(args[2]);
		long recordId = Long.parseLong(args[3]);
		String field = args[4];
		Path source = Path.of(args[5]);
		Path target = Path.of(args[6]);
		try (OkHttpKintoneClientFactory okhttp = new OkHttpKintoneClientFactory();
				KintoneClient client = new ResilientKintoneClientFactory(okhttp, ResilienceSettings.defaults(),
						new SimpleMeterRegistry())
					.open(EmulatorApps.tokenConnection(baseUrl, app, args[1]))) {
			long start = System.nanoTime();
			FileKey uploaded = client.upload(source, "large.bin", "application/octet-stream");
			long uploadMillis = (System.nanoTime() - start) / 1_000_000;
			client.updateRecords(List.of(new RecordUpdate(new RecordUpdate.RecordSelector.ById(recordId), null,
					Map.of(field, new FieldUpdate.Files(List.of(uploaded))))));
			FileInfo attached = client.record(recordId).files(field).get(0);
			start = System.nanoTime();
			DownloadedFile downloaded = client.download(attached.fileKey(), target);
			long downloadMillis = (System.nanoTime() - start) / 1_000_000;
			System.out.println("OK " + uploadMillis + " " + downloadMillis + " " + downloaded.size() + " "
					+ downloaded.sha256() + " " + peakHeap() + " " + peakRss());
		}
	}

	private static String peakRss() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter(line -> line.startsWith("VmHWM:"))
				.map(line -> line.substring("VmHWM:".length()).trim().replace(" ", ""))
				.findFirst()
				.orElse("n/a");
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

	private static long peakHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getPeakUsage)
			.mapToLong(usage -> usage.getUsed())
			.sum();
	}

}
