package dev.warden.ui.internal.trust;

import org.eclipse.osgi.util.NLS;

/** Strings of the trusted-commands UI that a user reads. */
public final class TrustMessages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.ui.internal.trust.trustmessages"; //$NON-NLS-1$

	public static String Pattern_exact;
	public static String Pattern_wildcard;
	public static String Pattern_universal;
	public static String Pattern_denies;
	public static String Pattern_ignored;
	public static String Table_pattern;
	public static String Table_meaning;
	public static String Table_add;
	public static String Table_edit;
	public static String Table_remove;
	public static String PatternDialog_addTitle;
	public static String PatternDialog_editTitle;
	public static String PatternDialog_pattern;
	public static String PatternDialog_message;
	public static String PatternDialog_syntax;
	public static String PatternDialog_syntaxWithDeny;
	public static String PatternDialog_empty;
	public static String PatternDialog_denyElsewhere;
	public static String PatternDialog_duplicate;
	public static String Warning_title;
	public static String Warning_message;
	public static String Warning_confirm;
	public static String Warning_universalTitle;
	public static String Warning_universalMessage;
	public static String Warning_universalConfirm;
	public static String Warning_cancel;
	public static String Page_workspaceTab;
	public static String Page_denyTab;
	public static String Page_projectsTab;
	public static String Page_universalBanner;
	public static String Page_workspaceIntro;
	public static String Page_import;
	public static String Page_export;
	public static String Page_importTitle;
	public static String Page_exportTitle;
	public static String Page_importJob;
	public static String Page_exportJob;
	public static String Page_imported;
	public static String Page_importedWithProblems;
	public static String Page_importFailed;
	public static String Page_exported;
	public static String Page_exportFailed;
	public static String Page_denyIntro;
	public static String Page_denySyntax;
	public static String Page_denyCount;
	public static String Page_denyNotARule;
	public static String Page_denyProblem;
	public static String Page_projectsIntro;
	public static String Page_project;
	public static String Page_noProjects;
	public static String Page_noProjectsState;
	public static String Page_accept;
	public static String Page_revoke;
	public static String Page_stateNotRequired;
	public static String Page_stateAccepted;
	public static String Page_stateNotAccepted;
	public static String Page_stateChanged;
	public static String Page_stateOnApply;
	public static String Page_saveFailed;
	public static String Try_title;
	public static String Try_command;
	public static String Try_hint;
	public static String Try_empty;
	public static String Try_trusted;
	public static String Try_ask;
	public static String Try_denied;
	public static String Try_status;
	public static String Try_part;
	public static String Try_why;
	public static String Try_coveredBy;
	public static String Try_deniedBy;
	public static String Try_ifAccepted;
	public static String Status_covered;
	public static String Status_notCovered;
	public static String Status_notCoverable;
	public static String Status_failedClosed;
	public static String Status_denied;
	public static String Accept_shellTitle;
	public static String Accept_title;
	public static String Accept_warning;
	public static String Accept_warningUniversal;
	public static String Accept_changed;
	public static String Accept_origin;
	public static String Accept_trusted;
	public static String Accept_denied;
	public static String Accept_noDenyRules;
	public static String Accept_problems;
	public static String Accept_problem;
	public static String Accept_later;
	public static String Accept_accept;
	public static String Accept_notNow;
	public static String Accept_failed;
	public static String Export_header;
	public static String Export_workspace;
	public static String Export_deny;

	public static String TrustPage_description;

	public static String Facts_label;
	public static String Facts_hint;
	public static String Facts_browse;
	public static String Facts_problems;
	public static String Try_fact;

	static {
		NLS.initializeMessages(BUNDLE_NAME, TrustMessages.class);
	}

	private TrustMessages() {
	}
}
