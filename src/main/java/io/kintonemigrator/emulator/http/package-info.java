/**
 * The embedded Jetty server: one filter chain every request enters, routing, parameter
 * parsing and error rendering.
 */
@NullMarked
package io.kintonemigrator.emulator.http;

import org.jspecify.annotations.NullMarked;
