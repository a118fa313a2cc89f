package io.kintonemigrator.migration;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldCodeSuggestionTests {

	@Test
	void editDistanceCountsInsertionsDeletionsAndSubstitutionsByCodePoint() {
		assertThat(FieldCodeSuggestion.distance("attachments", "attachments")).isZero();
		assertThat(FieldCodeSuggestion.distance("attachment", "attachments")).isEqualTo(1);
		assertThat(FieldCodeSuggestion.distance("documnets", "documents")).isEqualTo(2);
		assertThat(FieldCodeSuggestion.distance("kitten", "sitting")).isEqualTo(3);
		assertThat(FieldCodeSuggestion.distance("", "abc")).isEqualTo(3);
		assertThat(FieldCodeSuggestion.distance("添付資料", "添付ファイル")).isEqualTo(4);
		assertThat(FieldCodeSuggestion.distance("図面", "図版")).isEqualTo(1);
		assertThat(FieldCodeSuggestion.distance("𠮷野", "吉野")).isEqualTo(1);
		assertThat(FieldCodeSuggestion.distance("Attachments", "attachments")).isEqualTo(1);
		assertThat(FieldCodeSuggestion.distance("LEGACY_ID", "legacy_id")).isEqualTo(1);
	}

	@Test
	void suggestsOnlyACloseCodeAndPrefersTheClosestThenTheFirstAlphabetically() {
		List<String> codes = List.of("attachments", "documents", "legacy_id", "図面", "ab", "ac");

		assertThat(FieldCodeSuggestion.closest("attachment", codes)).contains("attachments");
		assertThat(FieldCodeSuggestion.closest("legacyid", codes)).contains("legacy_id");
		assertThat(FieldCodeSuggestion.closest("図", codes)).contains("図面");
		assertThat(FieldCodeSuggestion.closest("aa", codes)).contains("ab");
		assertThat(FieldCodeSuggestion.closest("title", codes)).isEmpty();
		assertThat(FieldCodeSuggestion.closest("xyz", codes)).isEmpty();
		assertThat(FieldCodeSuggestion.hint("title", codes)).isEmpty();
		assertThat(FieldCodeSuggestion.hint("documnets", codes)).isEqualTo("; did you mean 'documents'?");
	}

}
