package dev.warden.ui.internal.changes;

import org.eclipse.osgi.util.NLS;

/** The strings of the change review, compare and restore UI. */
public final class ChangesMessages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.ui.internal.changes.changesmessages"; //$NON-NLS-1$

	public static String Review_title;
	public static String Prune_job;
	public static String Review_message;
	public static String Review_files;
	public static String Review_current;
	public static String Review_proposed;
	public static String Review_reason;
	public static String Review_apply;
	public static String Review_reject;
	public static String Review_closed;
	public static String Review_created;
	public static String Review_deleted;
	public static String Review_modified;
	public static String Review_notSelected;

	public static String Compare_title;
	public static String Compare_current;
	public static String Compare_original;
	public static String Compare_originalUnknown;
	public static String Compare_unknownContent;
	public static String Compare_noChanges;

	public static String Restore_revertTitle;
	public static String Restore_checkpointTitle;
	public static String Restore_message;
	public static String Restore_beforeSession;
	public static String Restore_beforePrompt;
	public static String Restore_unsaved;
	public static String Restore_conflicts;
	public static String Restore_file;
	public static String Restore_action;
	public static String Restore_decision;
	public static String Restore_revertButton;
	public static String Restore_restoreButton;
	public static String Restore_nothing;
	public static String Restore_write;
	public static String Restore_recreate;
	public static String Restore_delete;
	public static String Restore_conflict;
	public static String Restore_unrecoverable;
	public static String Restore_none;
	public static String Restore_original;
	public static String Restore_agent;
	public static String Restore_yours;
	public static String Restore_target;
	public static String Restore_keepMine;
	public static String Restore_takeRestore;
	public static String Restore_skip;
	public static String Restore_operationRevert;
	public static String Restore_operationCheckpoint;
	public static String Restore_incompleteTitle;
	public static String Restore_incomplete;
	public static String Restore_failed;

	public static String Journal_unavailable;
	public static String Command_noSession;
	public static String Command_title;

	static {
		NLS.initializeMessages(BUNDLE_NAME, ChangesMessages.class);
	}

	private ChangesMessages() {
	}
}
