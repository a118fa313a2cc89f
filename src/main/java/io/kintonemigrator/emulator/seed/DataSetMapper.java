package io.kintonemigrator.emulator.seed;

import java.util.Set;

import static io.kintonemigrator.emulator.seed.SeedFile.orEmpty;

/**
 * Turns an app's {@code generate:} block into a {@link DataSetSpec}: {@code records} is
 * required, and so are a {@code rows} block's {@code subtable} and {@code perRecord};
 * file sizes default to 1024 bytes ({@code maxSize} to {@code minSize}), key format to
 * {@code %d}. Whatever {@link DataSetSpec} rejects becomes a one-line problem.
 */
final class DataSetMapper {

	private final SeedProblems problems;

	DataSetMapper(SeedProblems problems) {
		this.problems = problems;
	}

	DataSetSpec dataSet(SeedDocument.Generate doc, String at) {
		problems.require(doc.records(), at + ".records");
		DataSetSpec.Builder spec = DataSetSpec.builder().records(doc.records());
		if (doc.firstKey() != null) {
			spec.firstKey(doc.firstKey());
		}
		spec.skipKeys(Set.copyOf(orEmpty(doc.skipKeys())));
		if (doc.filesPerRecord() != null) {
			spec.filesPerRecord(doc.filesPerRecord());
		}
		spec.fileFields(orEmpty(doc.fileFields()).toArray(String[]::new));
		if (doc.rows() != null) {
			SeedDocument.Rows rows = doc.rows();
			problems.require(rows.subtable(), at + ".rows.subtable");
			problems.require(rows.perRecord(), at + ".rows.perRecord");
			spec.rows(rows.subtable(), rows.perRecord(), rows.keyField(),
					orEmpty(rows.fileFields()).toArray(String[]::new));
		}
		long min = (doc.minSize() != null) ? doc.minSize() : 1024;
		spec.sizeRange(min, (doc.maxSize() != null) ? doc.maxSize() : min);
		if (doc.sizes() != null) {
			spec.sizes(doc.sizes());
		}
		if (doc.seed() != null) {
			spec.seed(doc.seed());
		}
		if (doc.japaneseNames() != null) {
			spec.japaneseNames(doc.japaneseNames());
		}
		if (doc.keyField() != null) {
			spec.key(doc.keyField(), (doc.keyFormat() != null) ? doc.keyFormat() : "%d");
		}
		try {
			return spec.build();
		}
		catch (IllegalArgumentException ex) {
			throw problems.problem("'" + at + "': " + ex.getMessage());
		}
	}

}
