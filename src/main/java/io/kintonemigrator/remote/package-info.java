/**
 * Remote partitioning: the partitions of one run executed by worker processes on any
 * number of machines ({@code migrate --role worker}), sent by the manager
 * ({@code migrate --role manager}) as Spring Batch Integration step execution requests
 * over a JMS queue on ActiveMQ Artemis, the manager polling the shared job repository
 * (PostgreSQL) for their end. See docs/remote-partitioning.md.
 */
@NullMarked
package io.kintonemigrator.remote;

import org.jspecify.annotations.NullMarked;
