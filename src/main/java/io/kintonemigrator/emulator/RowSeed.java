package io.kintonemigrator.emulator;

/**
 * The values of one seeded SUBTABLE row. The row id is assigned when the seed is applied.
 */
public final class RowSeed extends SeedValues<RowSeed> {

	RowSeed() {
	}

	@Override
	RowSeed self() {
		return this;
	}

}
