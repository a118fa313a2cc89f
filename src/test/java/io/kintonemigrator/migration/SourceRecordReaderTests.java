package io.kintonemigrator.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class SourceRecordReaderTests {

	private final InMemoryKintoneClient source = new InMemoryKintoneClient(1);

	@Test
	void pagesByIdKeysetAndStopsAfterAShortPage() {
		for (long id = 1; id <= 1203; id++) {
			source.record(new KintoneRecord(id, 1, Map.of()));
		}
		SourceRecordReader reader = new SourceRecordReader(source, List.of("attachments"),
				SourceSelection.of("status in (\"Done\")"));
		reader.open(new ExecutionContext());

		List<Long> ids = readAll(reader);

		assertThat(ids).hasSize(1203).isSorted();
		assertThat(source.pageRequests).containsExactly(
				"after=0 limit=500 fields=[attachments] query=status in (\"Done\")",
				"after=500 limit=500 fields=[attachments] query=status in (\"Done\")",
				"after=1000 limit=500 fields=[attachments] query=status in (\"Done\")");
	}

	@Test
	void checkpointsTheLastRecordHandedOutAndResumesAfterIt() {
		for (long id = 10; id <= 100; id += 10) {
			source.record(new KintoneRecord(id, 1, Map.of()));
		}
		SourceRecordReader first = new SourceRecordReader(source, List.of(), SourceSelection.of(null));
		ExecutionContext context = new ExecutionContext();
		first.open(context);
		first.read();
		first.read();
		first.read();
		first.update(context);

		SourceRecordReader restarted = new SourceRecordReader(source, List.of(), SourceSelection.of(null));
		restarted.open(context);

		assertThat(context.getLong("sourceRecordReader.last.id")).isEqualTo(30);
		assertThat(readAll(restarted)).containsExactly(40L, 50L, 60L, 70L, 80L, 90L, 100L);
		assertThat(source.pageRequests).last().asString().startsWith("after=30 ");
	}

	@Test
	void anEmptyAppIsOneRequest() {
		SourceRecordReader reader = new SourceRecordReader(source, List.of(), SourceSelection.of(null));
		reader.open(new ExecutionContext());

		assertThat(reader.read()).isNull();
		assertThat(reader.read()).isNull();
		assertThat(source.pageRequests).hasSize(1);
	}

	@Test
	void peekShowsTheNextRecordsWithoutHandingThemOutOrAddingARequest() {
		for (long id = 1; id <= 700; id++) {
			source.record(new KintoneRecord(id, 1, Map.of()));
		}
		SourceRecordReader reader = new SourceRecordReader(source, List.of(), SourceSelection.of(null));
		ExecutionContext context = new ExecutionContext();
		reader.open(context);
		for (int i = 0; i < 450; i++) {
			reader.read();
		}

		// 50 left in the first page: peeking 100 fetches the second page, as reading
		// would soon
		assertThat(reader.peek(100)).extracting(KintoneRecord::id).first().isEqualTo(451L);
		assertThat(reader.peek(100)).hasSize(100).extracting(KintoneRecord::id).last().isEqualTo(550L);
		reader.update(context);
		assertThat(context.getLong("sourceRecordReader.last.id")).isEqualTo(450);

		assertThat(readAll(reader)).hasSize(250).first().isEqualTo(451L);
		assertThat(reader.peek(100)).isEmpty();
		assertThat(source.pageRequests).hasSize(2);
	}

	private static List<Long> readAll(SourceRecordReader reader) {
		List<Long> ids = new ArrayList<>();
		for (KintoneRecord record = reader.read(); record != null; record = reader.read()) {
			ids.add(record.id());
		}
		return ids;
	}

}
