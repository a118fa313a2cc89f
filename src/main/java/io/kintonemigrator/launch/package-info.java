/**
 * The operator's view: commands, exit codes, recovery of crashed executions, reports.
 */
@NullMarked
package io.kintonemigrator.launch;

import org.jspecify.annotations.NullMarked;
