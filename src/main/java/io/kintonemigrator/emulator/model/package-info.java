/**
 * The emulator's data model: apps, fields, records, files.
 */
@NullMarked
package io.kintonemigrator.emulator.model;

import org.jspecify.annotations.NullMarked;
