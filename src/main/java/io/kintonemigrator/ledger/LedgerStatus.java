package io.kintonemigrator.ledger;

/** The outcome of one source attachment. */
public enum LedgerStatus {

	/**
	 * An update carrying the attachment was written ahead and may have reached kintone; a
	 * restart decides from the target record whether it did.
	 */
	INTENT,

	/** The attachment is on its target record. Terminal. */
	ATTACHED,

	/**
	 * A permanent error for the attachment or its record; the error says why. Terminal.
	 */
	SKIPPED

}
