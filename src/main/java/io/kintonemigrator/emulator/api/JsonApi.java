package io.kintonemigrator.emulator.api;

import tools.jackson.databind.node.ObjectNode;

/**
 * One kintone API that answers with JSON. Throws {@link ApiException} for a kintone
 * error; writes go through {@link ApiCall#transaction()} and are committed by the caller
 * only when the handler returns normally.
 */
@FunctionalInterface
public interface JsonApi {

	ObjectNode handle(ApiCall call);

}
