package dev.warden.ui.internal.chat;

import org.eclipse.osgi.util.NLS;

/** Strings of the Warden chat that a user reads. */
public final class ChatMessages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.ui.internal.chat.chatmessages"; //$NON-NLS-1$

	public static String OpenChat_failed;
	public static String Mode_autopilot;
	public static String Mode_supervised;
	public static String Mode_tooltip;
	public static String Mode_autopilot_mnemonic;
	public static String Mode_supervised_mnemonic;
	public static String ChatView_send;
	public static String ChatView_stop;
	public static String ChatView_inputHint;
	public static String ChatView_welcome;
	public static String ChatView_noModel;
	public static String ChatView_noModelLink;
	public static String ChatView_you;
	public static String Chat_assistant;
	public static String Chat_copy;
	public static String Chat_code;
	public static String Chat_insertAtCursor;
	public static String Chat_insertAtCursorTooltip;
	public static String Chat_outputTruncated;
	public static String Chat_showOutput;
	public static String Chat_hideOutput;
	public static String Chat_review;
	public static String Chat_restoreHere;
	public static String Chat_openingJournal;
	public static String Chat_noCheckpoint;
	public static String Chat_restored;
	public static String Chat_dropLater;
	public static String Chat_viewAll;
	public static String Chat_revertAll;
	public static String Chat_noChanges;
	public static String Context_remove;
	public static String Context_noEditor;
	public static String Context_notVisible;
	public static String Context_selectionLabel;
	public static String Context_selectionPrompt;
	public static String Context_filePrompt;
	public static String Context_unreadable;
	public static String Context_truncated;
	public static String Context_attach;
	public static String Context_attachTooltip;
	public static String Context_fetch;
	public static String Context_listing;
	public static String Context_noThanks;
	public static String Context_fetchOffer;
	public static String Context_fetching;
	public static String Context_fetchFailed;
	public static String Chat_jobName;
	public static String Chat_failed;
	public static String Chat_loadFailed;
	public static String Chat_toolFailed;
	public static String Chat_toolDone;
	public static String Chat_toolRunning;
	public static String Chat_toolWaiting;
	public static String Chat_assistantInterrupted;
	public static String Chat_retrying;
	public static String Chat_interrupted;
	public static String Chat_newChat;
	public static String Chat_history;
	public static String Chat_open;
	public static String Chat_historyEmpty;
	public static String Chat_status;
	public static String Chat_statusNoModel;
	public static String Chat_universalTrust;
	public static String Chat_noProjects;
	public static String Chat_rename;
	public static String Chat_renameMessage;
	public static String Chat_delete;
	public static String Chat_deleteConfirm;
	public static String Tool_read;
	public static String Tool_list;
	public static String Tool_search;
	public static String Tool_write;
	public static String Tool_edit;
	public static String Tool_delete;
	public static String Tool_run;
	public static String Tool_fetch;
	public static String Tool_ask;
	public static String Tool_other;
	public static String Tool_lines;
	public static String Tool_failed;
	public static String Tool_notRun;
	public static String Tool_notDone;
	public static String Tool_whyRejected;
	public static String Tool_whyRefused;
	public static String Tool_whyCancelled;
	public static String Tool_nounRead;
	public static String Tool_nounList;
	public static String Tool_nounSearch;
	public static String Tool_nounWrite;
	public static String Tool_nounEdit;
	public static String Tool_nounDelete;
	public static String Tool_nounRun;
	public static String Tool_nounFetch;
	public static String Tool_nounAsk;
	public static String Question_title;
	public static String Question_hint;
	public static String Question_answer;
	public static String Question_answered;
	public static String Approval_deniedTitle;
	public static String Approval_commandTitle;
	public static String Approval_coveredBy;
	public static String Approval_runOnce;
	public static String Approval_ranOnce;
	public static String Approval_alwaysTrust;
	public static String Approval_reject;
	public static String Approval_rejectReasonHint;
	public static String Approval_alwaysTrustExplanation;
	public static String Approval_broader;
	public static String Approval_saveAndRun;
	public static String Approval_cancelled;
	public static String Approval_rejected;
	public static String Approval_rejectedBecause;
	public static String Approval_invalidPattern;
	public static String Approval_trusted;
	public static String Approval_allow;
	public static String Approval_allowed;
	public static String Approval_changesTitle;
	public static String Approval_actionTitle;
	public static String Approval_universalTitle;
	public static String Approval_universalMessage;
	public static String RootPage_description;
	public static String RootPage_mode;
	public static String RootPage_autopilotDescription;
	public static String RootPage_supervisedDescription;
	public static String RootPage_links;
	public static String RootPage_enterSends;
	public static String RootPage_maxSteps;
	public static String RootPage_keepChats;
	public static String RootPage_keepDays;
	public static String RootPage_agent;

	static {
		NLS.initializeMessages(BUNDLE_NAME, ChatMessages.class);
	}

	private ChatMessages() {
	}
}
