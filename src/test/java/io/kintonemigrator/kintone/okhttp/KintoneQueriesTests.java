package io.kintonemigrator.kintone.okhttp;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KintoneQueriesTests {

	@Test
	void aKeysetPageOrdersByIdAfterTheLastId() {
		assertThat(KintoneQueries.keysetPage(0, 500, null)).isEqualTo("$id > 0 order by $id asc limit 500");
		assertThat(KintoneQueries.keysetPage(42, 100, "  status in (\"Done\") or x = \"1\" "))
			.isEqualTo("(status in (\"Done\") or x = \"1\") and $id > 42 order by $id asc limit 100");
	}

	@Test
	void keysAreQuotedAndEscaped() {
		assertThat(KintoneQueries.keyIn("legacy_id", List.of("A-1", "say \"hi\"", "back\\slash", "tab\tnew\nline")))
			.isEqualTo("legacy_id in (\"A-1\", \"say \\\"hi\\\"\", \"back\\\\slash\", \"tab\\tnew\\nline\") "
					+ "order by $id asc limit 500");
	}

	@Test
	void aFieldCodeThatCouldBreakTheQueryIsRefused() {
		assertThatThrownBy(() -> KintoneQueries.keyIn("a) or (b", List.of("1")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("field code");
	}

	@Test
	void aFieldSelectionAlwaysIncludesIdAndRevision() {
		assertThat(KintoneQueries.withIdAndRevision(List.of())).isEmpty();
		assertThat(KintoneQueries.withIdAndRevision(List.of("att", "$id"))).containsExactly("att", "$id", "$revision");
	}

}
