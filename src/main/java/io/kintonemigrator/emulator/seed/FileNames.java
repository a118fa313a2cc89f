package io.kintonemigrator.emulator.seed;

import java.util.List;
import java.util.random.RandomGenerator;

/** Realistic attachment names and their MIME types, Japanese or ASCII. */
final class FileNames {

	private static final List<Kind> JAPANESE = List.of(new Kind("見積書", ".pdf", "application/pdf"),
			new Kind("請求書", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
			new Kind("議事録", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
			new Kind("現場写真", ".jpg", "image/jpeg"), new Kind("図面（改訂版）", ".png", "image/png"),
			new Kind("仕様書 最終", ".txt", "text/plain"), new Kind("納品書", ".csv", "text/csv"),
			new Kind("契約書_控え", ".pdf", "application/pdf"));

	private FileNames() {
	}

	/**
	 * A name for file {@code index} of record {@code number}, e.g. {@code 見積書_42-1.pdf}.
	 */
	static Named pick(RandomGenerator random, boolean japanese, int number, String position) {
		if (!japanese) {
			random.nextInt();
			return new Named("file-" + number + "-" + position + ".bin", "application/octet-stream");
		}
		Kind kind = JAPANESE.get(random.nextInt(JAPANESE.size()));
		return new Named(kind.stem() + "_" + number + "-" + position + kind.extension(), kind.contentType());
	}

	record Named(String name, String contentType) {
	}

	private record Kind(String stem, String extension, String contentType) {
	}

}
