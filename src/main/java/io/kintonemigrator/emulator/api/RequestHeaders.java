package io.kintonemigrator.emulator.api;

import java.util.List;

/** Read access to the request headers the APIs look at. */
public interface RequestHeaders {

	/**
	 * Every value of a header, in order; empty when absent. Names are case-insensitive.
	 */
	List<String> all(String name);

}
