package io.kintonemigrator.report;

import java.util.Locale;

/**
 * Byte counts for people: {@code 512 B}, {@code 1.5 MB}, {@code 2.25 GB} (powers of 1000,
 * as file sizes in kintone).
 */
final class Bytes {

	private Bytes() {
	}

	static String format(long bytes) {
		if (bytes < 1000) {
			return bytes + " B";
		}
		String[] units = { "kB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1000 && unit < units.length - 1) {
			value /= 1000;
			unit++;
		}
		return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
	}

}
