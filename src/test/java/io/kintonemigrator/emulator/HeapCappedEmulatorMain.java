package io.kintonemigrator.emulator;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;

import io.kintonemigrator.emulator.model.TokenPermission;

/**
 * Runs an emulator in a child JVM for {@link LargeFileStreamingTests}: prints
 * {@code PORT <n>}, answers {@code PEAK} with the peak heap use in bytes, and stops when
 * stdin closes or says {@code STOP}.
 */
public final class HeapCappedEmulatorMain {

	private HeapCappedEmulatorMain() {
	}

	public static void main(String[] args) throws Exception {
		EmulatorSeed seed = EmulatorSeed.builder()
			.app(AppSeed.builder(1, "Large")
				.field(FieldSpec.file("attachments"))
				.apiToken("large-token", TokenPermission.VIEW, TokenPermission.ADD, TokenPermission.EDIT)
				.record((r) -> {
				})
				.build())
			.build();
		try (KintoneEmulator emulator = KintoneEmulator.builder().seed(seed).maxFileSize(3L << 30).start()) {
			System.out.println("PORT " + emulator.port());
			System.out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line; (line = in.readLine()) != null && !line.equals("STOP");) {
				if (line.equals("PEAK")) {
					System.out.println("PEAK " + peakHeap());
					System.out.flush();
				}
			}
		}
	}

	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

}
