package io.kintonemigrator.sandbox;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's peak memory: heap (the heap pools' peaks) and resident set (Linux
 * {@code VmHWM}), and the CPU time it has used.
 */
final class ProcessMemory {

	private static final Path STATUS = Path.of("/proc/self/status");

	private ProcessMemory() {
	}

	/**
	 * The sum of every heap pool's peak usage since the JVM started (pools peak at
	 * different moments, so this is an upper bound of the peak of their sum).
	 */
	static long peakHeapBytes() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getPeakUsage)
			.mapToLong(usage -> usage == null ? 0 : usage.getUsed())
			.sum();
	}

	/**
	 * CPU time used by every thread of this JVM so far, in nanoseconds; -1 where
	 * unsupported.
	 */
	static long cpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

	/**
	 * The peak resident set size from {@code /proc/self/status} (VmHWM), or -1 where
	 * there is none.
	 */
	static long peakRssBytes() {
		try {
			for (String line : Files.readAllLines(STATUS)) {
				if (line.startsWith("VmHWM:")) {
					String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
					return Long.parseLong(kilobytes) * 1024;
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
