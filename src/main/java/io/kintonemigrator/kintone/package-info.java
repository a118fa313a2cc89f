/**
 * The kintone REST client API: {@link io.kintonemigrator.kintone.KintoneClient}, its
 * value types and typed errors. No OkHttp, Jackson, Resilience4j or Spring Batch types
 * appear here.
 */
@NullMarked
package io.kintonemigrator.kintone;

import org.jspecify.annotations.NullMarked;
