/**
 * The kintone REST APIs: parameters, authentication, error codes and one handler per API,
 * independent of the HTTP server that carries them.
 */
@NullMarked
package io.kintonemigrator.emulator.api;

import org.jspecify.annotations.NullMarked;
