package io.kintonemigrator.transfer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** File names travel unchanged or not at all. */
class FileNameTransferTests {

	@TempDir
	Path tmp;

	private final InMemoryKintoneClient source = new InMemoryKintoneClient(1).file("dl",
			"x".getBytes(StandardCharsets.UTF_8));

	private final InMemoryKintoneClient target = new InMemoryKintoneClient(2);

	@Test
	void namesWithPathSeparatorsDotsAndAnyScriptTravelAsTheyAre() {
		try (AttachmentTransfer transfer = AttachmentTransfer.open(source, target, tmp, Clock.systemUTC())) {
			for (String name : new String[] { "../../x", "a/b\\c", "😀.png", "日本語.pdf", "semi;colon=%22.txt" }) {
				TransferredFile moved = transfer.transfer(new FileInfo(new FileKey("dl"), name, "text/plain", 1));
				assertThat(target.uploadedName(moved.uploadKey())).isEqualTo(name);
			}
		}
		assertThat(tmp.resolve("x")).doesNotExist();
	}

	@Test
	void aNameTheUploadFormWouldAlterIsRefusedBeforeAnythingIsSentWithTheNameEscaped() {
		try (AttachmentTransfer transfer = AttachmentTransfer.open(source, target, tmp, Clock.systemUTC())) {
			assertThatThrownBy(
					() -> transfer.transfer(new FileInfo(new FileKey("gone"), "a\"b\tc\u0000.txt", "text/plain", 1)))
				.isInstanceOf(UnsendableFileNameException.class)
				.hasMessageStartingWith("file name 'a\"b\\u0009c\\u0000.txt' has a character");
		}
	}

	@Test
	void onlyQuotesAndControlCharactersAreUnsendable() {
		assertThat(UnsendableFileNameException.isSendable("ok 'name' (1) ％.txt")).isTrue();
		assertThat(UnsendableFileNameException.isSendable("a\"b")).isFalse();
		assertThat(UnsendableFileNameException.isSendable("a\rb")).isFalse();
		assertThat(UnsendableFileNameException.isSendable("a\u007fb")).isFalse();
	}

}
