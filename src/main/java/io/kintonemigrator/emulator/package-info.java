/**
 * An independent implementation of the kintone REST API served over real HTTP on localhost. Depends on nothing else of ours, and nothing of ours depends on it except {@code launch} and tests.
 */
@NullMarked
package io.kintonemigrator.emulator;

import org.jspecify.annotations.NullMarked;
