/**
 * The OkHttp + Jackson implementation of the kintone client API.
 */
@NullMarked
package io.kintonemigrator.kintone.okhttp;

import org.jspecify.annotations.NullMarked;
