package io.kintonemigrator.migration;

import java.util.List;

/**
 * The items of the chunk the step will write next, as the processor will give them,
 * without reading them: the step's checkpoint does not move. Called on the step thread.
 */
@FunctionalInterface
interface ChunkLookahead {

	/** No lookahead: nothing is ever prefetched. */
	ChunkLookahead NONE = List::of;

	List<SourceItem> next();

}
