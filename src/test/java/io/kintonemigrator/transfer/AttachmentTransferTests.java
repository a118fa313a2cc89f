package io.kintonemigrator.transfer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

import io.kintonemigrator.testsupport.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AttachmentTransferTests {

	private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

	@TempDir
	Path tmp;

	private final InMemoryKintoneClient source = new InMemoryKintoneClient(1);

	private final InMemoryKintoneClient target = new InMemoryKintoneClient(2);

	@Test
	void movesTheBytesAndReportsTheirHashAndTheNewKey() throws Exception {
		byte[] content = "見積書の中身".getBytes(StandardCharsets.UTF_8);
		source.file("dl-1", content);

		try (AttachmentTransfer transfer = AttachmentTransfer.open(source, target, tmp,
				Clock.fixed(NOW, ZoneOffset.UTC))) {
			TransferredFile moved = transfer
				.transfer(new FileInfo(new FileKey("dl-1"), "見積書.txt", "text/plain", content.length));

			assertThat(target.uploaded(moved.uploadKey())).hasValue(content);
			assertThat(target.uploadedName(moved.uploadKey())).isEqualTo("見積書.txt");
			assertThat(moved.size()).isEqualTo(content.length);
			assertThat(moved.sha256()).isEqualTo(Sha256.hex(content));
			assertThat(moved.uploadedAt()).isEqualTo(NOW);
			assertThat(transfer.workDir()).isEmptyDirectory();
		}
	}

	@Test
	void theWorkDirectoryIsPrivateAndGoneAfterClose() throws Exception {
		AttachmentTransfer transfer = AttachmentTransfer.open(source, target, tmp, Clock.systemUTC());
		Path workDir = transfer.workDir();
		if (Files.getFileStore(workDir).supportsFileAttributeView("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir))).isEqualTo("rwx------");
		}

		transfer.close();

		assertThat(workDir).doesNotExist();
	}

	@Test
	void aFailedDownloadLeavesNoTempFile() {
		try (AttachmentTransfer transfer = AttachmentTransfer.open(source, target, tmp, Clock.systemUTC())) {
			assertThatExceptionOfType(KintoneApiException.class)
				.isThrownBy(() -> transfer.transfer(new FileInfo(new FileKey("gone"), "a.txt", "text/plain", 3)))
				.satisfies(ex -> assertThat(ex.code()).isEqualTo("GAIA_BL01"));
			assertThat(transfer.workDir()).isEmptyDirectory();
		}
	}

	@Test
	void aFileOverOneGigabyteIsRefusedBeforeAnyRequest() {
		try (AttachmentTransfer transfer = AttachmentTransfer.open(source, target, tmp, Clock.systemUTC())) {
			assertThatExceptionOfType(AttachmentTooLargeException.class)
				.isThrownBy(() -> transfer.transfer(new FileInfo(new FileKey("dl-big"), "big.iso",
						"application/octet-stream", AttachmentTransfer.MAX_FILE_SIZE + 1)));
		}
	}

	@Test
	void transfersMayRunConcurrently() {
		IntStream.range(0, 20).forEach(i -> source.file("dl-" + i, ("content " + i).getBytes(StandardCharsets.UTF_8)));

		try (AttachmentTransfer transfer = AttachmentTransfer.open(source, target, tmp, Clock.systemUTC())) {
			List<CompletableFuture<TransferredFile>> futures = IntStream.range(0, 20)
				.mapToObj(i -> CompletableFuture.supplyAsync(() -> transfer
					.transfer(new FileInfo(new FileKey("dl-" + i), "f" + i + ".txt", "text/plain", 9))))
				.toList();

			List<TransferredFile> moved = futures.stream().map(CompletableFuture::join).toList();
			for (int i = 0; i < 20; i++) {
				assertThat(target.uploaded(moved.get(i).uploadKey()))
					.hasValue(("content " + i).getBytes(StandardCharsets.UTF_8));
			}
		}
	}

}
