package dev.warden.ui.internal.audit;

import org.eclipse.osgi.util.NLS;

/** Strings of the Agent Activity view that a user reads. */
public final class AuditMessages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.ui.internal.audit.auditmessages"; //$NON-NLS-1$

	public static String Activity_filter;
	public static String Activity_filterHint;
	public static String Activity_allKinds;
	public static String Activity_time;
	public static String Activity_kind;
	public static String Activity_verdict;
	public static String Activity_subject;
	public static String Activity_detail;
	public static String Activity_actor;
	public static String Activity_session;
	public static String Activity_refresh;
	public static String Activity_export;
	public static String Activity_reading;
	public static String Activity_readFailed;
	public static String Activity_count;
	public static String Activity_countUnreadable;
	public static String Activity_exportFailed;

	static {
		NLS.initializeMessages(BUNDLE_NAME, AuditMessages.class);
	}

	private AuditMessages() {
	}
}
