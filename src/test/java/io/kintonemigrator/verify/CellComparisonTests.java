package io.kintonemigrator.verify;

import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.verify.AttachmentVerifier.Hashed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CellComparisonTests {

	private static final Hashed A = new Hashed("a.pdf", 10, "aaaa", null);

	private static final Hashed B = new Hashed("b.pdf", 20, "bbbb", null);

	@Test
	void identicalFilesInAnyOrderAreNoDifference() {
		assertThat(compare(true, List.of(A, B), List.of(B, A))).isEmpty();
	}

	@Test
	void sameNameWithOtherBytesIsAContentOrSizeDifference() {
		assertThat(compare(true, List.of(A, B),
				List.of(new Hashed("a.pdf", 10, "ffff", null), new Hashed("b.pdf", 21, "bbbb", null))))
			.containsExactly("cell: 'a.pdf' differs in content: SHA-256 aaaa on the source, ffff on the target",
					"cell: 'b.pdf' differs in size: 20 bytes on the source, 21 on the target");
	}

	@Test
	void theSameBytesUnderAnotherNameIsARename() {
		assertThat(compare(true, List.of(A), List.of(new Hashed("x.pdf", 10, "aaaa", null))))
			.containsExactly("cell: 'a.pdf' is named 'x.pdf' on the target");
	}

	@Test
	void aSourceFileWithoutPartnerIsMissing() {
		assertThat(compare(false, List.of(A, B), List.of(B)))
			.containsExactly("cell: 'a.pdf' (10 bytes) is missing on the target");
	}

	@Test
	void anExtraTargetFileIsADifferenceOnlyWhenTheTargetMustHoldExactlyTheSourceFiles() {
		Hashed earlier = new Hashed("earlier.txt", 5, "eeee", null);

		assertThat(compare(false, List.of(A), List.of(earlier, A))).isEmpty();
		assertThat(compare(true, List.of(A), List.of(earlier, A))).containsExactly(
				"cell: 'earlier.txt' (5 bytes) is on the target but not on the source (onExisting keeps exactly the source's files)");
	}

	@Test
	void withAppendASecondCopyOfASourceFileIsADuplicate() {
		assertThat(compare(false, List.of(A, B), List.of(A, B, A))).containsExactly(
				"cell: 'a.pdf' is on the target once more than on the source (a duplicate, or a copy the target had before)");
	}

	@Test
	void duplicatesArePairedOneToOne() {
		assertThat(compare(true, List.of(A, A), List.of(A)))
			.containsExactly("cell: 'a.pdf' (10 bytes) is missing on the target");
	}

	@Test
	void aFileThatCannotBeReadIsSaidSo() {
		assertThat(compare(true, List.of(A), List.of(new Hashed("a.pdf", 10, null, "GAIA_BL01 file not found"))))
			.containsExactly("cell: 'a.pdf' cannot be read on the target: GAIA_BL01 file not found");
	}

	private static List<String> compare(boolean exact, List<Hashed> source, List<Hashed> target) {
		List<String> lines = new ArrayList<>();
		int found = new CellComparison("cell", exact).compare(source, target, lines::add);
		assertThat(found).isEqualTo(lines.size());
		return lines;
	}

}
